package io.fenqun.profile.customer;

/** SQL shared by the set-based writers (imports, loyalty) that announce customers on the feed. */
public final class CustomerSql {

    /** The JSON of a customer row on the feed (alias c), shaped like the API's CustomerView. */
    public static final String JSON =
            """
            jsonb_strip_nulls(jsonb_build_object(
                'id', c.id, 'kind', c.kind, 'name', c.name, 'gender', c.gender, 'birthDate', c.birth_date,
                'phone', c.phone, 'email', c.email,
                'address', CASE WHEN coalesce(c.province, c.city, c.district, c.address_line) IS NULL THEN NULL
                    ELSE jsonb_build_object('province', c.province, 'city', c.city, 'district', c.district,
                                            'line', c.address_line) END,
                'areaType', c.area_type, 'locality', c.locality, 'industry', c.industry,
                'companySize', c.company_size, 'needs', to_jsonb(c.needs),
                'preferredCategories', to_jsonb(c.preferred_categories),
                'preferredChannels', to_jsonb(c.preferred_channels), 'tags', to_jsonb(c.tags),
                'ownerId', c.owner_id, 'membershipTier', c.membership_tier,
                'externalIds', (SELECT coalesce(jsonb_agg(jsonb_build_object('source', x.source,
                                    'externalId', x.external_id) ORDER BY x.source, x.external_id), '[]'::jsonb)
                                FROM customer_external_id x WHERE x.customer_id = c.id),
                'status', c.status, 'masked', false, 'version', c.version,
                'createdAt', c.created_at, 'updatedAt', c.updated_at))""";

    private CustomerSql() {}
}
