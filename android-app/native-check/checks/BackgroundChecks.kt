// Background work's decisions: which WorkManager request a pass asks for, whether the run that
// started it succeeded, and when the foreground notice is up.
package smsgw.nativecheck

import dev.smsgw.gateway.background.ForwardingNotice
import dev.smsgw.gateway.background.PassLedger
import dev.smsgw.gateway.background.PassReport
import dev.smsgw.gateway.background.RunPlan
import dev.smsgw.gateway.background.RunVerdict

private const val NOW = 1_750_000_000_000L

val backgroundChecks =
    listOf(
        check("a run at a future moment waits for it and is not expedited") {
          expectEqual(RunPlan(90_000L, expedited = false), RunPlan.at(NOW + 90_000L, NOW))
        },
        check("a run at a past or present moment runs at once, expedited") {
          expectEqual(RunPlan(0L, expedited = true), RunPlan.at(NOW - 5_000L, NOW))
          expectEqual(RunPlan(0L, expedited = true), RunPlan.at(NOW, NOW))
          expectEqual(RunPlan(0L, expedited = true), RunPlan.at(Long.MIN_VALUE, NOW))
          expectEqual(RunPlan(0L, expedited = true), RunPlan.NOW)
        },
        check("no run is expedited with a delay, which WorkManager refuses") {
          for (delay in listOf(1L, 1_000L, 3_600_000L, Long.MAX_VALUE / 2)) {
            val plan = RunPlan.at(NOW + delay, NOW)
            expectTrue(!(plan.expedited && plan.delayMs > 0), "no delay on an expedited run (delay $delay)")
          }
        },
        check("a far or bogus moment waits a day at most: the periodic job covers the rest") {
          expectEqual(RunPlan.MAX_DELAY_MS, RunPlan.at(Long.MAX_VALUE, NOW).delayMs)
          expectEqual(RunPlan.MAX_DELAY_MS, RunPlan.at(NOW + 30L * 24 * 3_600_000, NOW).delayMs)
        },
        check("a run whose pass delivered all that was due succeeds") {
          expectEqual(RunVerdict.SUCCESS, RunVerdict.of(true, PassReport(0, false, null)))
          expectEqual(RunVerdict.SUCCESS, RunVerdict.of(true, PassReport(3, false, NOW + 60_000)))
        },
        check("a run that left due work undelivered retries with backoff") {
          expectEqual(RunVerdict.RETRY, RunVerdict.of(true, PassReport(3, true, NOW)))
        },
        check("a run whose task never reported, or never finished, retries") {
          expectEqual(RunVerdict.RETRY, RunVerdict.of(true, null))
          expectEqual(RunVerdict.RETRY, RunVerdict.of(false, PassReport(0, false, null)))
        },
        check("a worker sees only a report made after it started its task") {
          val ledger = PassLedger()
          ledger.record(PassReport(7, true, null))
          val mark = ledger.mark()
          expectEqual(null, ledger.since(mark), "report before the task")
          ledger.record(PassReport(0, false, null))
          expectEqual(PassReport(0, false, null), ledger.since(mark), "report after the task")
        },
        check("the bridge's numbers become a sane report") {
          expectEqual(PassReport(12, true, 1_750_000_000_123L), PassReport.fromJs(12.0, true, 1_750_000_000_123.0))
          expectEqual(PassReport(0, false, null), PassReport.fromJs(Double.NaN, false, Double.NaN))
          expectEqual(0, PassReport.fromJs(-4.0, false, null).backlog, "negative backlog")
          expectEqual(Int.MAX_VALUE, PassReport.fromJs(1e12, false, null).backlog, "huge backlog")
        },
        check("the notice is up while a backlog drains, and says how many SMS") {
          expectTrue(ForwardingNotice.shouldShow(PassReport(40, true, NOW), NOW), "up for a due backlog")
          expectTrue(ForwardingNotice.shouldShow(PassReport(1, false, NOW + 30_000), NOW), "up for a near retry")
          expectEqual("Forwarding 40 SMS to your server", ForwardingNotice.text(40))
        },
        check("the notice goes when the queue is empty, the next run is far, or none is scheduled") {
          expectTrue(!ForwardingNotice.shouldShow(PassReport(0, false, NOW), NOW), "down when empty")
          expectTrue(!ForwardingNotice.shouldShow(PassReport(5, false, NOW + 600_000), NOW), "down on a long backoff")
          expectTrue(!ForwardingNotice.shouldShow(PassReport(5, true, null), NOW), "down while waiting for the network")
        },
    )
