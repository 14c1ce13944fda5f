package io.fenqun.campaign.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a customer must not be contacted (a complaint, a legal request ...). */
public record DoNotContactInput(@NotBlank @Size(max = 500) String reason) {}
