package io.fenqun.kit.problem;

import java.util.List;

/** Thrown by domain and service code to end a request with a problem response. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " " + id + " does not exist"));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "bad-request", "Bad request", detail));
    }

    public static ProblemException validation(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request", "The request has invalid fields")
                .withErrors(errors));
    }

    public static ProblemException invalidField(String field, String message) {
        return validation(List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(Problem.of(412, "precondition-failed", "Precondition failed", detail));
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(Problem.of(422, "unprocessable", "Unprocessable request", detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }
}
