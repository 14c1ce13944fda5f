package io.fenqun.profile.customer;

/** Search criteria; null means "any". {@code q} matches name, phone or email as a substring. */
public record CustomerSearch(
        String q, String name, String phone, String email, String tag, String city, String owner) {}
