// The runner of native-check's logic checks: plain Kotlin the app keeps free of Android (the
// decisions of background work and of the receiver), compiled with the app and run on the JVM.
// No test library: a check is a named block, an expectation that fails throws.
package smsgw.nativecheck

import kotlin.system.exitProcess

class Check(val name: String, val body: () -> Unit)

fun check(name: String, body: () -> Unit) = Check(name, body)

fun <T> expectEqual(expected: T, actual: T, what: String = "value") {
  if (expected != actual) throw AssertionError("$what: expected $expected, got $actual")
}

fun expectTrue(actual: Boolean, what: String) {
  if (!actual) throw AssertionError("expected $what")
}

fun main() {
  val checks = backgroundChecks + receiverChecks
  val failures =
      checks.mapNotNull { check ->
        try {
          check.body()
          null
        } catch (e: Throwable) {
          "${check.name}: ${e.message ?: e}"
        }
      }
  for (failure in failures) System.err.println("FAIL $failure")
  println("logic checks: ${checks.size - failures.size} of ${checks.size} passed")
  exitProcess(if (failures.isEmpty()) 0 else 1)
}
