package io.fenqun.profile.importing;

import io.fenqun.profile.customer.Customer;
import io.fenqun.profile.customer.CustomerFields;
import io.fenqun.profile.order.CustomerOrder;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The words a spreadsheet may use for each closed field, in Chinese and English, to our enum names. */
final class Vocabulary {

    static final Map<String, String> KIND = words(
            Customer.Kind.values(),
            Map.of("个人", "PERSON", "personal", "PERSON", "公司", "COMPANY", "企业", "COMPANY", "business", "COMPANY"));
    static final Map<String, String> GENDER = words(
            CustomerFields.Gender.values(),
            Map.of(
                    "男", "MALE", "m", "MALE", "先生", "MALE", "女", "FEMALE", "f", "FEMALE", "女士", "FEMALE", "其他", "OTHER",
                    "未知", "UNKNOWN"));
    static final Map<String, String> AREA_TYPE = words(
            CustomerFields.AreaType.values(),
            Map.of("城市", "URBAN", "城区", "URBAN", "郊区", "SUBURBAN", "农村", "RURAL", "乡村", "RURAL"));
    static final Map<String, String> LOCALITY =
            words(CustomerFields.Locality.values(), Map.of("本地", "LOCAL", "外地", "REMOTE"));
    static final Map<String, String> COMPANY_SIZE = words(
            CustomerFields.CompanySize.values(),
            Map.of("微型", "MICRO", "小型", "SMALL", "中型", "MEDIUM", "大型", "LARGE", "集团", "ENTERPRISE"));
    static final Map<String, String> NEED = words(
            CustomerFields.Need.values(),
            Map.of(
                    "收藏",
                    "COLLECTION",
                    "佩戴",
                    "WEARING",
                    "投资",
                    "INVESTMENT",
                    "送礼",
                    "GIFT",
                    "礼品",
                    "GIFT",
                    "日常",
                    "DAILY",
                    "商务",
                    "BUSINESS",
                    "其他",
                    "OTHER"));
    static final Map<String, String> CHANNEL = words(
            CustomerFields.Channel.values(),
            Map.of(
                    "邮件",
                    "EMAIL",
                    "短信",
                    "SMS",
                    "电话",
                    "PHONE",
                    "微信",
                    "WECHAT",
                    "app",
                    "APP_PUSH",
                    "推送",
                    "APP_PUSH",
                    "门店",
                    "STORE",
                    "线上",
                    "ONLINE"));
    static final Map<String, String> ORDER_STATUS = words(
            CustomerOrder.Status.values(),
            Map.of(
                    "已支付",
                    "PAID",
                    "支付",
                    "PAID",
                    "已完成",
                    "PAID",
                    "完成",
                    "PAID",
                    "退款",
                    "REFUNDED",
                    "已退款",
                    "REFUNDED",
                    "取消",
                    "CANCELLED",
                    "已取消",
                    "CANCELLED",
                    "canceled",
                    "CANCELLED"));

    private Vocabulary() {}

    private static Map<String, String> words(Enum<?>[] values, Map<String, String> extra) {
        Map<String, String> words = new HashMap<>();
        for (Enum<?> value : values) {
            words.put(value.name().toLowerCase(Locale.ROOT), value.name());
        }
        extra.forEach((word, name) -> words.put(word.toLowerCase(Locale.ROOT), name));
        return Map.copyOf(words);
    }
}
