package io.fenqun.profile.order;

import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.problem.ProblemException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** Checks an order is consistent before it is stored: a real currency, lines adding up to the total. */
public final class OrderRules {

    public static final String DEFAULT_CURRENCY = "CNY";

    private OrderRules() {}

    public static String currency(String code) {
        if (code == null) {
            return DEFAULT_CURRENCY;
        }
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("currency", "is not an ISO 4217 currency");
        }
    }

    /** The sum of quantity x unit price over the lines, rounded to cents. */
    public static BigDecimal linesTotal(List<OrderInput.Line> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderInput.Line line : lines) {
            sum = sum.add(line.quantity().multiply(line.unitPrice()));
        }
        return sum.setScale(2, RoundingMode.HALF_UP);
    }

    public static void check(OrderInput order) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (order.items() != null && !order.items().isEmpty()) {
            BigDecimal lines = linesTotal(order.items());
            if (lines.compareTo(order.total()) != 0) {
                errors.add(
                        new Problem.FieldError("total", "is " + order.total() + " but the items add up to " + lines));
            }
        }
        if (order.customerId() == null) {
            errors.add(new Problem.FieldError("customerId", "must not be null"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }
}
