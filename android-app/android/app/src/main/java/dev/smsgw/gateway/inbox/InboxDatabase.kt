package dev.smsgw.gateway.inbox

import android.content.ContentValues
import android.content.Context
import android.database.sqlite.SQLiteDatabase
import android.database.sqlite.SQLiteOpenHelper

/**
 * The native inbox: SMS the receiver has made durable and JS has not yet moved into the engine's
 * queue. A separate SQLite file from the engine's (op-sqlite) so the receiver can write it without
 * starting React Native. One instance per process: SQLiteOpenHelper serialises its writers.
 *
 * It also keeps the receiver's side of recovery (JS `recoverMissedSms`): every capture stays
 * "unpaired" until a scan of the phone's SMS store matches it by content with its store row (a
 * broadcast does not carry the store's row id), and the checkpoint says where the next scan starts.
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
    createRecoveryTables(db)
    addReceivingSim(db)
  }

  override fun onUpgrade(db: SQLiteDatabase, oldVersion: Int, newVersion: Int) {
    // Migrate, never drop: the inbox may hold SMS that exist nowhere else. SQLiteOpenHelper runs
    // this inside one transaction, so a crash leaves the old version whole. Rows captured under
    // version 1 get no unpaired copy: the first scan after the upgrade only sets the checkpoint past
    // them. Rows captured before version 3 have no receiving SIM details: NULL, as for a broadcast
    // that names none.
    if (oldVersion < 2) createRecoveryTables(db)
    if (oldVersion < 3) addReceivingSim(db)
  }

  /** Version 3: the receiving SIM's subscription id and number ([InboxSms]), both nullable. */
  private fun addReceivingSim(db: SQLiteDatabase) {
    db.execSQL("ALTER TABLE $TABLE ADD COLUMN $SUBSCRIPTION_ID INTEGER")
    db.execSQL("ALTER TABLE $TABLE ADD COLUMN $RECEIVED_ON TEXT")
  }

  /** Version 2: the captures not yet paired with their SMS-store row, and the scan's checkpoint. */
  private fun createRecoveryTables(db: SQLiteDatabase) {
    db.execSQL(
        """
        CREATE TABLE $UNPAIRED (
          $CAPTURE_SEQ INTEGER PRIMARY KEY,
          $SENDER TEXT NOT NULL,
          $BODY TEXT NOT NULL,
          $SMSC_TIMESTAMP INTEGER NOT NULL,
          $CAPTURED_AT INTEGER NOT NULL
        )
        """
            .trimIndent())
    // One row; a NULL store id means no scan has run on this phone yet.
    db.execSQL(
        "CREATE TABLE $CHECKPOINT ($ONLY INTEGER PRIMARY KEY CHECK ($ONLY = 1), $STORE_ID INTEGER)")
    db.execSQL("INSERT INTO $CHECKPOINT ($ONLY, $STORE_ID) VALUES (1, NULL)")
  }

  /**
   * Inserts all [messages] in one transaction, committed when this returns; returns their ids.
   * Each is also kept as unpaired in the same transaction, so no capture can miss its pairing and
   * come back from the SMS store as a second copy.
   */
  fun insert(messages: List<InboxSms>): List<Long> {
    val db = writableDatabase
    db.beginTransaction()
    try {
      val ids =
          messages.map { sms ->
            db.insertOrThrow(TABLE, null, sms.toContentValues()).also { id ->
              db.insertOrThrow(UNPAIRED, null, sms.toUnpairedValues(id))
            }
          }
      db.setTransactionSuccessful()
      return ids
    } finally {
      db.endTransaction()
    }
  }

  /** The oldest [limit] rows, in capture order. */
  fun pending(limit: Int): List<InboxRow> {
    val columns = arrayOf(ID, SENDER, BODY, PARTS, SMSC_TIMESTAMP, SIM_SLOT, RECEIVED_AT, SUBSCRIPTION_ID, RECEIVED_ON)
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
                    subscriptionId = if (cursor.isNull(7)) null else cursor.getInt(7),
                    receivedOn = if (cursor.isNull(8)) null else cursor.getString(8),
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

  /** Where the next recovery scan starts; null before the first scan on this phone. */
  fun checkpoint(): Long? =
      readableDatabase
          .query(CHECKPOINT, arrayOf(STORE_ID), "$ONLY = 1", null, null, null, null, null)
          .use { cursor -> if (cursor.moveToFirst() && !cursor.isNull(0)) cursor.getLong(0) else null }

  /**
   * Sets the checkpoint without recovering anything (the first scan: older SMS predate the app).
   * Captures from before it (the app ran without READ_SMS, or before this schema) have their store
   * rows behind the checkpoint and can never pair: those older than [FIRST_SCAN_STALE_MS] go now,
   * or a busy phone's backlog of them would crowd the fresh captures out of [unpaired]'s page.
   */
  fun startAt(storeId: Long, now: Long) {
    val db = writableDatabase
    db.beginTransaction()
    try {
      db.update(CHECKPOINT, checkpointValues(storeId), "$ONLY = 1", null)
      db.delete(UNPAIRED, "$CAPTURED_AT < ?", arrayOf((now - FIRST_SCAN_STALE_MS).toString()))
      db.setTransactionSuccessful()
    } finally {
      db.endTransaction()
    }
  }

  /** The oldest [limit] captures no scan has paired yet, in capture order. */
  fun unpaired(limit: Int): List<UnpairedCapture> {
    val columns = arrayOf(CAPTURE_SEQ, SENDER, BODY, SMSC_TIMESTAMP)
    val captures = mutableListOf<UnpairedCapture>()
    val bounded = limit.coerceIn(1, MAX_UNPAIRED).toString()
    readableDatabase
        .query(UNPAIRED, columns, null, null, null, null, "$CAPTURE_SEQ ASC", bounded)
        .use { cursor ->
          while (cursor.moveToNext()) {
            captures +=
                UnpairedCapture(
                    captureSeq = cursor.getLong(0),
                    sender = cursor.getString(1),
                    body = cursor.getString(2),
                    smscTimestamp = cursor.getLong(3),
                )
          }
        }
    return captures
  }

  /**
   * Settles one page of a recovery scan, all or nothing: the [paired] captures stop being
   * unpaired, the [missing] SMS go into the inbox as new captures (new ids, received at [now]),
   * and the checkpoint moves to [checkpoint]. A crash before the commit leaves the checkpoint
   * where it was, so the next scan settles the same page again, once. Returns the new rows' ids.
   */
  fun settle(paired: List<Long>, missing: List<InboxSms>, checkpoint: Long, now: Long): List<Long> {
    val db = writableDatabase
    db.beginTransaction()
    try {
      for (chunk in paired.chunked(MAX_VARIABLES)) {
        val placeholders = chunk.joinToString(",") { "?" }
        db.delete(UNPAIRED, "$CAPTURE_SEQ IN ($placeholders)", chunk.map { it.toString() }.toTypedArray())
      }
      // Not kept as unpaired: the checkpoint passes their store rows in this same transaction.
      val ids = missing.map { db.insertOrThrow(TABLE, null, it.copy(receivedAt = now).toContentValues()) }
      db.update(CHECKPOINT, checkpointValues(checkpoint), "$ONLY = 1", null)
      // A capture whose store row never shows up (another app deleted it, or the store wrote it
      // differently) must not wait forever to pair with a later identical SMS.
      db.delete(UNPAIRED, "$CAPTURED_AT < ?", arrayOf((now - KEEP_UNPAIRED_MS).toString()))
      db.setTransactionSuccessful()
      return ids
    } finally {
      db.endTransaction()
    }
  }

  private fun checkpointValues(storeId: Long) = ContentValues().apply { put(STORE_ID, storeId) }

  private fun InboxSms.toUnpairedValues(captureSeq: Long) =
      ContentValues().apply {
        put(CAPTURE_SEQ, captureSeq)
        put(SENDER, sender)
        put(BODY, body)
        put(SMSC_TIMESTAMP, smscTimestamp)
        put(CAPTURED_AT, receivedAt)
      }

  private fun InboxSms.toContentValues() =
      ContentValues().apply {
        put(SENDER, sender)
        put(BODY, body)
        put(PARTS, parts)
        put(SMSC_TIMESTAMP, smscTimestamp)
        put(SIM_SLOT, simSlot)
        put(RECEIVED_AT, receivedAt)
        put(SUBSCRIPTION_ID, subscriptionId)
        put(RECEIVED_ON, receivedOn)
      }

  companion object {
    private const val FILE_NAME = "smsgw-inbox.db"
    /** 2: the unpaired captures and the recovery checkpoint; 3: the receiving SIM's details. */
    private const val SCHEMA_VERSION = 3
    private const val TABLE = "inbox"
    private const val UNPAIRED = "unpaired"
    private const val CHECKPOINT = "recovery_checkpoint"
    private const val ID = "id"
    private const val SENDER = "sender"
    private const val BODY = "body"
    private const val PARTS = "parts"
    private const val SMSC_TIMESTAMP = "smsc_timestamp"
    private const val SIM_SLOT = "sim_slot"
    private const val RECEIVED_AT = "received_at"
    private const val SUBSCRIPTION_ID = "subscription_id"
    private const val RECEIVED_ON = "received_on"
    private const val CAPTURE_SEQ = "capture_seq"
    private const val CAPTURED_AT = "captured_at"
    private const val ONLY = "only"
    private const val STORE_ID = "store_id"
    /** Largest page [pending] returns, whatever JS asks for. */
    const val MAX_PAGE = 500
    /** Most unpaired captures [unpaired] returns, whatever JS asks for. */
    const val MAX_UNPAIRED = 20_000
    /**
     * At the first scan, a capture older than this had its SMS-store row written long before (the
     * store gets an SMS within seconds of its broadcast), so that row is behind the checkpoint.
     */
    const val FIRST_SCAN_STALE_MS = 10L * 60 * 1000
    /**
     * How long a capture may wait for its SMS-store row: far longer than any scan interval, short
     * enough that a capture whose row never appears cannot pair with an identical SMS much later.
     */
    const val KEEP_UNPAIRED_MS = 7L * 24 * 60 * 60 * 1000
    private const val MAX_VARIABLES = 500

    @Volatile private var instance: InboxDatabase? = null

    fun get(context: Context): InboxDatabase =
        instance
            ?: synchronized(this) {
              instance ?: InboxDatabase(context.applicationContext).also { instance = it }
            }
  }
}
