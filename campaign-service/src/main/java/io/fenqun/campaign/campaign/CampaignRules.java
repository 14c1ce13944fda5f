package io.fenqun.campaign.campaign;

import io.fenqun.kit.problem.Problem.FieldError;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What bean validation cannot say about a campaign: fields that belong together, schedules that
 * parse, templates that render. Every mistake is reported at once, each naming its field.
 */
public final class CampaignRules {

    private final Function<String, Optional<String>> templateProblem;

    /** @param templateProblem why a template text would not render, or empty when it would */
    public CampaignRules(Function<String, Optional<String>> templateProblem) {
        this.templateProblem = templateProblem;
    }

    public List<FieldError> check(CampaignInput input) {
        List<FieldError> errors = new ArrayList<>();
        checkSchedule(input, errors);
        checkVariants(input, errors);
        url("landingUrl", input.landingUrl(), errors);
        url("webhookUrl", input.webhookUrl(), errors);
        if (input.channel() == Channel.WEBHOOK && input.webhookUrl() == null) {
            errors.add(new FieldError("webhookUrl", "is required for the WEBHOOK channel"));
        }
        for (int i = 0; i < input.productsOrEmpty().size(); i++) {
            url("products[" + i + "].url", input.productsOrEmpty().get(i).url(), errors);
        }
        Set<Object> both = new HashSet<>(input.audience().segmentsOrEmpty());
        both.retainAll(input.audience().excludedOrEmpty());
        if (!both.isEmpty()) {
            errors.add(new FieldError("audience.excludeSegments", "excludes a segment the audience includes"));
        }
        return errors;
    }

    private void checkSchedule(CampaignInput input, List<FieldError> errors) {
        CampaignInput.Schedule schedule = input.schedule();
        boolean segmentsNeeded = schedule.kind() != CampaignInput.ScheduleKind.TRIGGER
                || (schedule.trigger() != null
                        && schedule.trigger().kind() == CampaignInput.TriggerKind.SEGMENT_ENTERED);
        if (segmentsNeeded && input.audience().segmentsOrEmpty().isEmpty()) {
            errors.add(new FieldError("audience.segments", "needs at least one segment for this schedule"));
        }
        switch (schedule.kind()) {
            case ONCE -> {}
            case CRON -> {
                if (schedule.cron() == null) {
                    errors.add(new FieldError("schedule.cron", "is required for a CRON schedule"));
                } else {
                    Schedules.cronProblem(schedule.cron())
                            .ifPresent(problem -> errors.add(new FieldError("schedule.cron", problem)));
                }
            }
            case TRIGGER -> checkTrigger(schedule.trigger(), errors);
        }
    }

    private static void checkTrigger(CampaignInput.Trigger trigger, List<FieldError> errors) {
        if (trigger == null) {
            errors.add(new FieldError("schedule.trigger", "is required for a TRIGGER schedule"));
            return;
        }
        switch (trigger.kind()) {
            case EVENT -> require(trigger.event(), "schedule.trigger.event", errors);
            case NO_PURCHASE -> require(trigger.days(), "schedule.trigger.days", errors);
            case HOLIDAY -> {
                if (trigger.dates() == null || trigger.dates().isEmpty()) {
                    errors.add(new FieldError("schedule.trigger.dates", "needs at least one date"));
                }
            }
            default -> {}
        }
    }

    private void checkVariants(CampaignInput input, List<FieldError> errors) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < input.variants().size(); i++) {
            CampaignInput.Variant variant = input.variants().get(i);
            String at = "variants[" + i + "]";
            if (!names.add(variant.name())) {
                errors.add(new FieldError(at + ".name", "is used by another variant"));
            }
            if (!variant.templates().containsKey(input.localeOrDefault())) {
                errors.add(new FieldError(
                        at + ".templates", "needs a template in the campaign's locale " + input.localeOrDefault()));
            }
            for (Map.Entry<String, CampaignInput.Template> entry :
                    variant.templates().entrySet()) {
                String where = at + ".templates." + entry.getKey();
                CampaignInput.Template template = entry.getValue();
                if (input.channel() == Channel.EMAIL
                        && (template.subject() == null || template.subject().isBlank())) {
                    errors.add(new FieldError(where + ".subject", "is required for email"));
                }
                if (template.subject() != null) {
                    templateProblem
                            .apply(template.subject())
                            .ifPresent(p -> errors.add(new FieldError(where + ".subject", p)));
                }
                templateProblem.apply(template.body()).ifPresent(p -> errors.add(new FieldError(where + ".body", p)));
            }
        }
    }

    private static void require(Object value, String field, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "is required for this trigger"));
        }
    }

    private static void url(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        try {
            URI uri = new URI(value);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                errors.add(new FieldError(field, "must be an absolute http or https address"));
            }
        } catch (Exception e) {
            errors.add(new FieldError(field, "is not a valid address"));
        }
    }
}
