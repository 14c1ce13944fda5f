package io.fenqun.profile.customer;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class CustomerRepository implements PanacheRepositoryBase<Customer, UUID> {

    public Uni<Customer> findActiveByPhone(String phone) {
        return find("phone = ?1 and status = ?2", phone, Customer.Status.ACTIVE).firstResult();
    }

    public Uni<Customer> findActiveByEmail(String email) {
        return find("lower(email) = ?1 and status = ?2 order by createdAt", email, Customer.Status.ACTIVE)
                .firstResult();
    }

    public Uni<Customer> findByExternalId(String source, String externalId) {
        return getSession()
                .flatMap(s -> s.createNativeQuery(
                                "SELECT c.* FROM customer c JOIN customer_external_id x ON x.customer_id = c.id"
                                        + " WHERE x.source = :source AND x.external_id = :eid",
                                Customer.class)
                        .setParameter("source", source)
                        .setParameter("eid", externalId)
                        .getResultList())
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    public Uni<List<CustomerInput.ExternalId>> externalIds(UUID customerId) {
        return getSession()
                .flatMap(s -> s.createNativeQuery(
                                "SELECT source, external_id FROM customer_external_id WHERE customer_id = :id"
                                        + " ORDER BY source, external_id",
                                Object[].class)
                        .setParameter("id", customerId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new CustomerInput.ExternalId((String) r[0], (String) r[1]))
                        .toList());
    }

    public Uni<Map<UUID, List<CustomerInput.ExternalId>>> externalIds(List<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession()
                .flatMap(s -> s.createNativeQuery(
                                "SELECT customer_id, source, external_id FROM customer_external_id"
                                        + " WHERE customer_id = ANY(:ids) ORDER BY source, external_id",
                                Object[].class)
                        .setParameter("ids", customerIds.toArray(UUID[]::new))
                        .getResultList())
                .map(rows -> rows.stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                r -> (UUID) r[0],
                                java.util.stream.Collectors.mapping(
                                        r -> new CustomerInput.ExternalId((String) r[1], (String) r[2]),
                                        java.util.stream.Collectors.toList()))));
    }

    /** Links external ids to a customer; an id already linked to another customer is a conflict (409). */
    public Uni<Void> linkExternalIds(UUID customerId, List<CustomerInput.ExternalId> ids) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CustomerInput.ExternalId x : ids) {
            chain = chain.flatMap(ignored -> getSession()
                    .flatMap(s -> s.createNativeQuery(
                                    "INSERT INTO customer_external_id (source, external_id, customer_id)"
                                            + " VALUES (:source, :eid, :id)"
                                            + " ON CONFLICT (source, external_id) DO UPDATE SET customer_id = excluded.customer_id"
                                            + " WHERE customer_external_id.customer_id = excluded.customer_id")
                            .setParameter("source", x.source())
                            .setParameter("eid", x.externalId())
                            .setParameter("id", customerId)
                            .executeUpdate())
                    .invoke(n -> {
                        if (n == 0) {
                            throw io.fenqun.kit.problem.ProblemException.conflict("External id " + x.source() + "/"
                                    + x.externalId() + " belongs to another customer");
                        }
                    })
                    .replaceWithVoid());
        }
        return chain;
    }

    public Uni<Void> unlinkExternalIds(UUID customerId) {
        return getSession()
                .flatMap(s -> s.createNativeQuery("DELETE FROM customer_external_id WHERE customer_id = :id")
                        .setParameter("id", customerId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> moveExternalIds(UUID from, UUID to) {
        return getSession()
                .flatMap(s -> s.createNativeQuery(
                                "UPDATE customer_external_id SET customer_id = :to WHERE customer_id = :from")
                        .setParameter("to", to)
                        .setParameter("from", from)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** One page of active customers matching every given criterion, in id (creation) order. */
    public Uni<List<Customer>> search(CustomerSearch criteria, String ownerRestriction, UUID after, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT * FROM customer WHERE status = 'ACTIVE'");
        Map<String, Object> params = new java.util.HashMap<>();
        List<String> clauses = new ArrayList<>();
        if (criteria.q() != null) {
            clauses.add("(name ILIKE :q OR phone LIKE :q OR lower(email) LIKE lower(:q))");
            params.put("q", "%" + escapeLike(criteria.q()) + "%");
        }
        if (criteria.name() != null) {
            clauses.add("name ILIKE :name");
            params.put("name", "%" + escapeLike(criteria.name()) + "%");
        }
        if (criteria.phone() != null) {
            clauses.add("phone LIKE :phone");
            params.put("phone", "%" + escapeLike(criteria.phone()) + "%");
        }
        if (criteria.email() != null) {
            clauses.add("lower(email) = lower(:email)");
            params.put("email", criteria.email());
        }
        if (criteria.tag() != null) {
            clauses.add(":tag = ANY(tags)");
            params.put("tag", criteria.tag());
        }
        if (criteria.city() != null) {
            clauses.add("city = :city");
            params.put("city", criteria.city());
        }
        if (criteria.owner() != null) {
            clauses.add("owner_id = :owner");
            params.put("owner", criteria.owner());
        }
        if (ownerRestriction != null) {
            clauses.add("owner_id = :restrictedOwner");
            params.put("restrictedOwner", ownerRestriction);
        }
        if (after != null) {
            clauses.add("id > :after");
            params.put("after", after);
        }
        for (String clause : clauses) {
            sql.append(" AND ").append(clause);
        }
        sql.append(" ORDER BY id LIMIT ").append(fetch);
        return getSession().flatMap(s -> {
            var query = s.createNativeQuery(sql.toString(), Customer.class);
            params.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
