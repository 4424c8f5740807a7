package dev.smsgw.gateway.inbox

import android.content.ContentValues
import android.content.Context
import android.database.sqlite.SQLiteDatabase
import android.database.sqlite.SQLiteOpenHelper

/**
 * The native inbox: SMS the receiver has made durable and JS has not yet moved into the engine's
 * queue. A separate SQLite file from the engine's (op-sqlite) so the receiver can write it without
 * starting React Native. One instance per process: SQLiteOpenHelper serialises its writers.
 */
class InboxDatabase private constructor(context: Context) :
    SQLiteOpenHelper(context, FILE_NAME, null, SCHEMA_VERSION) {

  init {
    // WAL: JS reading pending rows never blocks the receiver's insert.
    setWriteAheadLoggingEnabled(true)
  }

  override fun onConfigure(db: SQLiteDatabase) {
    // Android opens WAL databases with synchronous=NORMAL, which survives a killed process but
    // not a power cut right after the commit; FULL fsyncs the WAL on every commit. The inbox
    // gets one small write per SMS, so the cost is a few ms.
    db.execSQL("PRAGMA synchronous=FULL")
  }

  override fun onCreate(db: SQLiteDatabase) {
    // AUTOINCREMENT, not a plain rowid: ids are never reused after rows are deleted, so an id
    // is a safe idempotency sequence (captureSeq) for the engine even across acknowledgements.
    db.execSQL(
        """
        CREATE TABLE $TABLE (
          $ID INTEGER PRIMARY KEY AUTOINCREMENT,
          $SENDER TEXT NOT NULL,
          $BODY TEXT NOT NULL,
          $PARTS INTEGER NOT NULL,
          $SMSC_TIMESTAMP INTEGER NOT NULL,
          $SIM_SLOT INTEGER NOT NULL DEFAULT 0,
          $RECEIVED_AT INTEGER NOT NULL
        )
        """
            .trimIndent())
  }

  override fun onUpgrade(db: SQLiteDatabase, oldVersion: Int, newVersion: Int) {
    // Schema version 1 is the only one so far. A later version must migrate, never drop:
    // the table may hold SMS that exist nowhere else.
  }

  /** Inserts all [messages] in one transaction, committed when this returns; returns their ids. */
  fun insert(messages: List<InboxSms>): List<Long> {
    val db = writableDatabase
    db.beginTransaction()
    try {
      val ids = messages.map { db.insertOrThrow(TABLE, null, it.toContentValues()) }
      db.setTransactionSuccessful()
      return ids
    } finally {
      db.endTransaction()
    }
  }

  /** The oldest [limit] rows, in capture order. */
  fun pending(limit: Int): List<InboxRow> {
    val columns = arrayOf(ID, SENDER, BODY, PARTS, SMSC_TIMESTAMP, SIM_SLOT, RECEIVED_AT)
    // query()'s limit is pasted into the SQL text, hence a validated Int, never a JS string.
    val rows = mutableListOf<InboxRow>()
    readableDatabase
        .query(TABLE, columns, null, null, null, null, "$ID ASC", limit.coerceIn(1, MAX_PAGE).toString())
        .use { cursor ->
          while (cursor.moveToNext()) {
            val sms =
                InboxSms(
                    sender = cursor.getString(1),
                    body = cursor.getString(2),
                    parts = cursor.getInt(3),
                    smscTimestamp = cursor.getLong(4),
                    simSlot = cursor.getInt(5),
                    receivedAt = cursor.getLong(6),
                )
            rows += InboxRow(cursor.getLong(0), sms)
          }
        }
    return rows
  }

  /** Deletes the rows the engine has committed; unknown ids are ignored. Returns rows deleted. */
  fun acknowledge(ids: List<Long>): Int {
    if (ids.isEmpty()) return 0
    val db = writableDatabase
    var deleted = 0
    db.beginTransaction()
    try {
      // Older Android SQLite builds allow 999 bound variables per statement.
      for (chunk in ids.chunked(MAX_VARIABLES)) {
        val placeholders = chunk.joinToString(",") { "?" }
        deleted += db.delete(TABLE, "$ID IN ($placeholders)", chunk.map { it.toString() }.toTypedArray())
      }
      db.setTransactionSuccessful()
    } finally {
      db.endTransaction()
    }
    return deleted
  }

  private fun InboxSms.toContentValues() =
      ContentValues().apply {
        put(SENDER, sender)
        put(BODY, body)
        put(PARTS, parts)
        put(SMSC_TIMESTAMP, smscTimestamp)
        put(SIM_SLOT, simSlot)
        put(RECEIVED_AT, receivedAt)
      }

  companion object {
    private const val FILE_NAME = "smsgw-inbox.db"
    private const val SCHEMA_VERSION = 1
    private const val TABLE = "inbox"
    private const val ID = "id"
    private const val SENDER = "sender"
    private const val BODY = "body"
    private const val PARTS = "parts"
    private const val SMSC_TIMESTAMP = "smsc_timestamp"
    private const val SIM_SLOT = "sim_slot"
    private const val RECEIVED_AT = "received_at"
    /** Largest page [pending] returns, whatever JS asks for. */
    const val MAX_PAGE = 500
    private const val MAX_VARIABLES = 500

    @Volatile private var instance: InboxDatabase? = null

    fun get(context: Context): InboxDatabase =
        instance
            ?: synchronized(this) {
              instance ?: InboxDatabase(context.applicationContext).also { instance = it }
            }
  }
}
