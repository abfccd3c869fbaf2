package io.headroom.explorer.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A timing budget of the UI (docs/ui.md, Budgets): always printed; failed on only when
 * {@code bench/ui-budgets.sh} runs the tests ({@code -Dheadroom.ui.budgets=enforce}). Wall-clock budgets are
 * measurements of the machine as much as of the page: asserted in every build, a loaded CI machine (or a
 * busy laptop) fails them with nothing wrong in the code, so they live in the benchmark, not the suite.
 */
final class UiBudget {
    private static final boolean ENFORCED = "enforce".equals(System.getProperty("headroom.ui.budgets"));

    private UiBudget() {}

    static void under(String what, double actualMs, double budgetMs) {
        System.out.printf(
                "[ui-budget] %s: %.1f ms of %.0f ms (%s)%n",
                what,
                actualMs,
                budgetMs,
                actualMs < budgetMs ? "within" : ENFORCED ? "OVER" : "over, not enforced outside bench/ui-budgets.sh");
        if (ENFORCED) {
            assertThat(actualMs).as(what).isLessThan(budgetMs);
        }
    }

    /** A budget on a count (long tasks, say): at most {@code most}. */
    static void atMost(String what, long actual, long most) {
        System.out.printf(
                "[ui-budget] %s: %d of at most %d (%s)%n",
                what,
                actual,
                most,
                actual <= most ? "within" : ENFORCED ? "OVER" : "over, not enforced outside bench/ui-budgets.sh");
        if (ENFORCED) {
            assertThat(actual).as(what).isLessThanOrEqualTo(most);
        }
    }
}
