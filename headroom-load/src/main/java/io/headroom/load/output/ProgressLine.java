package io.headroom.load.output;

import io.headroom.load.measure.TimeSeriesPoint;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * The live progress line: elapsed/total, busy VUs (those running an iteration, not the connections
 * open), req/s, p95, errors; during a warm-up, the same prefixed with "warm-up". On a terminal it rewrites one line
 * every second; otherwise (CI logs, pipes) it prints a plain line every {@value #PLAIN_EVERY_SECONDS} s.
 */
public final class ProgressLine {

    private static final int PLAIN_EVERY_SECONDS = 5;

    private final PrintStream out;
    private final boolean terminal;
    private final double totalSeconds;
    private final double warmupSeconds;
    private int lastPlainSecond = -1;

    public ProgressLine(PrintStream out, boolean terminal, double totalSeconds) {
        this(out, terminal, totalSeconds, 0);
    }

    public ProgressLine(PrintStream out, boolean terminal, double totalSeconds, double warmupSeconds) {
        this.out = out;
        this.terminal = terminal;
        this.totalSeconds = totalSeconds;
        this.warmupSeconds = warmupSeconds;
    }

    /** Whether stdout is an interactive terminal (JDK 22+ can tell; on 21 a console means a terminal). */
    @SuppressWarnings("SystemConsoleNull") // null on 21 means no terminal; on 22+ isTerminal() decides below
    public static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    public void update(TimeSeriesPoint p) {
        show(p, "", totalSeconds);
    }

    /** A second of the warm-up phase (measured apart from the run). */
    public void warmup(TimeSeriesPoint p) {
        show(p, "warm-up ", warmupSeconds);
    }

    private void show(TimeSeriesPoint p, String phase, double phaseSeconds) {
        String line = String.format(
                Locale.ROOT,
                "%s%5.0fs/%.0fs  busy VUs %4d  %8.1f req/s  p95 %8.1f ms  errors %d/%d%s",
                phase,
                p.elapsedSeconds(),
                phaseSeconds,
                p.vus(),
                p.rps(),
                p.p95(),
                p.errors(),
                p.requests(),
                p.dropped() > 0 ? "  dropped " + p.dropped() : "");
        if (terminal) {
            out.print("\r" + line + "   ");
            out.flush();
        } else {
            int second = (int) p.elapsedSeconds();
            if (second / PLAIN_EVERY_SECONDS != lastPlainSecond / PLAIN_EVERY_SECONDS || lastPlainSecond < 0) {
                lastPlainSecond = second;
                out.println(line);
            }
        }
    }

    public void end() {
        if (terminal) {
            out.println();
        }
    }
}
