package io.headroom.toolkit.helidon;

import io.helidon.common.Weighted;
import io.helidon.webserver.http.HttpRouting;
import java.util.function.Consumer;

/**
 * One thing {@link Headroom} registers on a routing (a filter, error handlers, routes), at a weight:
 * parts are registered from the highest weight down, so a filter of weight 950 runs before one of 900
 * on every request. The built-in parts use the weights of {@link Headroom}'s constants; a module
 * adds its own part ({@link HeadroomBuilder#addPart}) between them, e.g. a rate limiter after the
 * monitoring filter (so a refused request is still recorded) and before the HTTP guards.
 */
public interface HeadroomPart extends Weighted {

    /** The part's name in {@link Headroom#parts()} and in error messages. */
    String name();

    void register(HttpRouting.Builder routing);

    /** A part from a name, a weight and what it registers. */
    static HeadroomPart of(String name, double weight, Consumer<HttpRouting.Builder> register) {
        return new HeadroomPart() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double weight() {
                return weight;
            }

            @Override
            public void register(HttpRouting.Builder routing) {
                register.accept(routing);
            }

            @Override
            public String toString() {
                return name + "@" + weight;
            }
        };
    }
}
