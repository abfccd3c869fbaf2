package io.headroom.toolkit.http;

/** Thrown by handlers to answer with a problem-details response; rendered by {@link ProblemHandlers}. */
public final class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false); // no stack trace: this is an answer, not a bug
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badParameter(String name, String reason) {
        return new ProblemException(Problem.badParameter(name, reason));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "Not Found", detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "Conflict", detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "Forbidden", detail));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "Unauthorized", detail));
    }
}
