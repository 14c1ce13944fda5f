package io.fenqun.profile.interaction;

/** A follow-up on the due list, with the name of the customer to contact. */
public record DueFollowUp(String customerName, InteractionView interaction) {}
