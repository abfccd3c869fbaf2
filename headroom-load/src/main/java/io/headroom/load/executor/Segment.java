package io.headroom.load.executor;

import io.headroom.load.scenario.ScenarioException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Segment {@code index} of {@code count}: this process's share of a scenario that {@code count} processes
 * run together, like k6's execution segment {@code index/count:(index+1)/count}.
 *
 * <p>The split is exact, so the processes together make exactly the whole scenario:
 * <ul>
 *   <li>open model: the whole schedule's iterations are dealt out in turn (iteration k goes to segment
 *       k mod count), each keeping its intended time. The union of the segments is the whole schedule,
 *       iteration for iteration, and each segment's rate is an even 1/count of it at every moment;</li>
 *   <li>closed model and VU budgets: a count of VUs {@code v} is split as
 *       {@code floor(v(i+1)/n) − floor(v·i/n)}, which sums to exactly {@code v} over the segments (the
 *       same rounding k6 uses for its segments).</li>
 * </ul>
 * Index is 0-based, so a Kubernetes Indexed Job's {@code JOB_COMPLETION_INDEX} is the index as it is.
 */
public record Segment(int index, int count) {

    public static final Segment WHOLE = new Segment(0, 1);

    private static final Pattern SYNTAX = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

    public Segment {
        if (count < 1 || index < 0 || index >= count) {
            throw new ScenarioException("--segment " + index + "/" + count
                    + ": expected i/n with 0 <= i < n, e.g. 0/3, 1/3 and 2/3 for three processes");
        }
    }

    /** Parses {@code i/n}, e.g. {@code 0/3}. */
    public static Segment parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new ScenarioException("--segment '" + text
                    + "': expected i/n with 0 <= i < n, e.g. 0/3, 1/3 and 2/3 for three processes");
        }
        return new Segment(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean isWhole() {
        return count == 1;
    }

    /** This segment's part of {@code total} VUs (or connections): the parts of all segments sum to {@code total}. */
    public int share(int total) {
        return (int) (((long) total * (index + 1)) / count - ((long) total * index) / count);
    }

    /** Like {@link #share} but at least 1: a budget (pre-allocated or maximum VUs) no segment can run without. */
    public int budget(int total) {
        return Math.max(1, share(total));
    }

    /** Whether iteration {@code k} (0-based, in the whole schedule's order) belongs to this segment. */
    public boolean owns(long iteration) {
        return iteration % count == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
