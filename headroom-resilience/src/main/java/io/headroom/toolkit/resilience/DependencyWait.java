package io.headroom.toolkit.resilience;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Start-up that survives a dependency that comes up late: the attempt (connect and migrate, say) is
 * retried on a background virtual thread with {@link Backoff} until it succeeds, one log line per failed
 * attempt, so the process stays up (liveness) and reports not-ready meanwhile instead of exiting.
 * {@link #cancel()} (at shutdown) stops the retries.
 */
public final class DependencyWait<T> {
    /** What one failed attempt says: which attempt, why it failed, when the next one is. */
    public record Failure(String dependency, int attempt, Throwable cause, Duration nextIn) {
        public String line() {
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return dependency + " is not available (attempt " + attempt + "): " + reason + "; retrying in "
                    + nextIn.toMillis() + " ms";
        }
    }

    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Thread thread;

    private DependencyWait(String dependency, Callable<T> attempt, Backoff backoff, Consumer<Failure> onFailure) {
        this.thread = Thread.ofVirtual().name("wait-for-" + dependency).unstarted(() -> {
            for (int n = 1; !result.isDone(); n++) {
                try {
                    result.complete(attempt.call());
                } catch (Exception e) {
                    Duration next = backoff.delayAfter(n);
                    onFailure.accept(new Failure(dependency, n, e, next));
                    try {
                        Thread.sleep(next);
                    } catch (InterruptedException interrupted) {
                        result.cancel(false);
                        return;
                    }
                }
            }
        });
    }

    /** Starts retrying {@code attempt} now, in the background. */
    public static <T> DependencyWait<T> start(
            String dependency, Callable<T> attempt, Backoff backoff, Consumer<Failure> onFailure) {
        DependencyWait<T> wait = new DependencyWait<>(dependency, attempt, backoff, onFailure);
        wait.thread.start();
        return wait;
    }

    /** Completes with the first successful attempt's value; cancelled by {@link #cancel()}. */
    public CompletableFuture<T> result() {
        return result;
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Stops retrying (an attempt under way is interrupted). */
    public void cancel() {
        result.cancel(false);
        thread.interrupt();
    }
}
