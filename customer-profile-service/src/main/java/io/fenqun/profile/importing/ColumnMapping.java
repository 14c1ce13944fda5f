package io.fenqun.profile.importing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which file column feeds which field. Headers are recognised in Chinese or English (case, spaces,
 * underscores and hyphens ignored); an explicit mapping from the request wins over the aliases.
 */
public final class ColumnMapping {

    private static final Map<String, List<String>> CUSTOMER_ALIASES = new LinkedHashMap<>();
    private static final Map<String, List<String>> ORDER_ALIASES = new LinkedHashMap<>();

    static {
        CUSTOMER_ALIASES.put("source", List.of("来源", "数据来源", "source"));
        CUSTOMER_ALIASES.put("externalId", List.of("外部编号", "客户编号", "编号", "externalid", "customerid", "id"));
        CUSTOMER_ALIASES.put("kind", List.of("类型", "客户类型", "kind", "type"));
        CUSTOMER_ALIASES.put("name", List.of("姓名", "客户名称", "名称", "客户姓名", "name", "customername"));
        CUSTOMER_ALIASES.put("gender", List.of("性别", "gender", "sex"));
        CUSTOMER_ALIASES.put("birthDate", List.of("生日", "出生日期", "birthday", "birthdate", "dob"));
        CUSTOMER_ALIASES.put("phone", List.of("手机", "手机号", "手机号码", "电话", "联系电话", "phone", "mobile", "tel"));
        CUSTOMER_ALIASES.put("email", List.of("邮箱", "电子邮件", "电子邮箱", "email", "mail"));
        CUSTOMER_ALIASES.put("province", List.of("省", "省份", "province"));
        CUSTOMER_ALIASES.put("city", List.of("市", "城市", "city"));
        CUSTOMER_ALIASES.put("district", List.of("区", "区县", "district"));
        CUSTOMER_ALIASES.put("address", List.of("地址", "详细地址", "address", "addressline"));
        CUSTOMER_ALIASES.put("areaType", List.of("区域类型", "areatype"));
        CUSTOMER_ALIASES.put("locality", List.of("本地外地", "本地/外地", "locality"));
        CUSTOMER_ALIASES.put("industry", List.of("行业", "industry"));
        CUSTOMER_ALIASES.put("companySize", List.of("公司规模", "企业规模", "companysize"));
        CUSTOMER_ALIASES.put("needs", List.of("需求", "购买需求", "needs"));
        CUSTOMER_ALIASES.put("preferredCategories", List.of("偏好品类", "品类偏好", "preferredcategories"));
        CUSTOMER_ALIASES.put("preferredChannels", List.of("偏好渠道", "渠道偏好", "preferredchannels"));
        CUSTOMER_ALIASES.put("tags", List.of("标签", "tags"));
        CUSTOMER_ALIASES.put("ownerId", List.of("负责人", "归属销售", "销售", "owner", "ownerid"));
        CUSTOMER_ALIASES.put("membershipTier", List.of("会员等级", "等级", "tier", "membershiptier"));

        ORDER_ALIASES.put("source", List.of("来源", "数据来源", "source"));
        ORDER_ALIASES.put("orderId", List.of("订单号", "订单编号", "orderid", "order", "orderno"));
        ORDER_ALIASES.put("customerExternalId", List.of("客户编号", "客户外部编号", "customerid", "customerexternalid"));
        ORDER_ALIASES.put("customerPhone", List.of("客户手机", "手机", "手机号", "customerphone", "phone"));
        ORDER_ALIASES.put("orderedAt", List.of("下单时间", "订单时间", "时间", "orderedat", "ordertime", "date"));
        ORDER_ALIASES.put("total", List.of("金额", "订单金额", "总额", "合计", "total", "amount"));
        ORDER_ALIASES.put("currency", List.of("币种", "货币", "currency"));
        ORDER_ALIASES.put("channel", List.of("渠道", "channel"));
        ORDER_ALIASES.put("store", List.of("门店", "店铺", "store"));
        ORDER_ALIASES.put("status", List.of("状态", "订单状态", "status"));
        ORDER_ALIASES.put("sku", List.of("sku", "商品编码", "货号"));
        ORDER_ALIASES.put("itemName", List.of("商品", "商品名称", "itemname", "product"));
        ORDER_ALIASES.put("category", List.of("品类", "类目", "category"));
        ORDER_ALIASES.put("quantity", List.of("数量", "quantity", "qty"));
        ORDER_ALIASES.put("unitPrice", List.of("单价", "unitprice", "price"));
        ORDER_ALIASES.put("couponCode", List.of("优惠券", "优惠码", "coupon", "couponcode"));
    }

    private final Map<String, String> fieldByHeader = new HashMap<>();
    private final Map<String, String> aliasToField;
    private final Map<String, String> explicit;

    private ColumnMapping(Map<String, String> aliasToField, Map<String, String> explicit) {
        this.aliasToField = aliasToField;
        this.explicit = explicit;
    }

    /** The fields a kind of import knows. */
    public static Set<String> fields(ImportKind kind) {
        return (kind == ImportKind.CUSTOMERS ? CUSTOMER_ALIASES : ORDER_ALIASES).keySet();
    }

    /**
     * A mapping for one import; {@code explicit} maps file headers to field names and is checked
     * here (an unknown field name is the caller's error).
     */
    public static ColumnMapping of(ImportKind kind, Map<String, String> explicit) {
        Map<String, List<String>> aliases = kind == ImportKind.CUSTOMERS ? CUSTOMER_ALIASES : ORDER_ALIASES;
        Map<String, String> aliasToField = new HashMap<>();
        aliases.forEach((field, names) -> {
            aliasToField.put(normalise(field), field);
            names.forEach(name -> aliasToField.put(normalise(name), field));
        });
        Map<String, String> checked = new HashMap<>();
        explicit.forEach((header, field) -> {
            if (!aliases.containsKey(field)) {
                throw new IllegalArgumentException(
                        "mapping names unknown field '" + field + "'; fields: " + String.join(", ", aliases.keySet()));
            }
            checked.put(header.trim(), field);
        });
        return new ColumnMapping(aliasToField, checked);
    }

    /** The record's cells by field name; columns that map to no field are ignored. */
    public Map<String, Cell> fieldsOf(Map<String, String> cells) {
        Map<String, Cell> byField = new HashMap<>();
        cells.forEach((header, value) -> {
            String field = fieldByHeader.computeIfAbsent(header, this::fieldFor);
            if (!field.isEmpty() && !byField.containsKey(field)) {
                byField.put(field, new Cell(header, value == null ? null : value.trim()));
            }
        });
        return byField;
    }

    /** A cell's value with the header it came from, to name the column in errors. */
    public record Cell(String header, String value) {
        public boolean isBlank() {
            return value == null || value.isEmpty();
        }
    }

    private String fieldFor(String header) {
        String field = explicit.get(header.trim());
        if (field != null) {
            return field;
        }
        return aliasToField.getOrDefault(normalise(header), "");
    }

    private static String normalise(String header) {
        return header.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }
}
