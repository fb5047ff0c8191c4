package com.reportresumer.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Plausible scheduled reports, the same list for the same seed. */
final class ReportGenerator {

    private record Dataset(String table, String columns, String subject) {
    }

    private static final Dataset[] DATASETS = {
        new Dataset("Customers", "CustomerId, CustomerName, CustomerCountry, CustomerMarket", "customers"),
        new Dataset("Revenue", "CustomerId, ProductName, BillingModel, Revenue, RevenueUSD", "revenue"),
        new Dataset("Usage", "CustomerId, SubscriptionId, ServiceName, NormalizedUsage", "usage"),
        new Dataset("Licenses", "CustomerId, ProductName, LicensesAssigned, LicensesPurchased", "licenses"),
        new Dataset("Orders", "OrderId, CustomerId, OfferName, Quantity, OrderStatus", "orders"),
        new Dataset("Subscriptions", "SubscriptionId, CustomerId, OfferName, SubscriptionStatus", "subscriptions"),
        new Dataset("Referrals", "ReferralId, CustomerName, DealValue, ReferralStatus", "referrals"),
    };

    private static final String[] CADENCE = {"Daily", "Weekly", "Monthly", "Quarterly", "Hourly"};
    private static final int[] INTERVAL_HOURS = {24, 168, 720, 2160, 4};
    private static final String[] TIMESPANS = {"LAST_MONTH", "LAST_3_MONTHS", "LAST_6_MONTHS", "LAST_1_YEAR"};
    private static final String[] USERS = {"ops@contoso.example", "finance@contoso.example", "analyst@fabrikam.example",
        "insights-app@contoso.example", "partner-admin@woodgrove.example"};
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private ReportGenerator() {
    }

    /**
     * {@code count} reports with exactly round(count × pausedShare) Paused and round(count × inactiveShare) Inactive,
     * the rest Active, in a shuffled order.
     *
     * @param offset numbering of the names starts at offset + 1 (to add more reports later without name clashes)
     */
    static List<Report> generate(int count, double pausedShare, double inactiveShare, long seed, int offset) {
        Random rnd = new Random(Dice.mix(seed) ^ offset);
        int paused = (int) Math.round(count * pausedShare);
        int inactive = Math.min(count - paused, (int) Math.round(count * inactiveShare));
        List<ReportStatus> statuses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            statuses.add(i < paused ? ReportStatus.PAUSED : i < paused + inactive ? ReportStatus.INACTIVE : ReportStatus.ACTIVE);
        }
        Collections.shuffle(statuses, rnd);
        List<Report> reports = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reports.add(one(rnd, offset + i + 1, statuses.get(i)));
        }
        return reports;
    }

    private static Report one(Random rnd, int number, ReportStatus status) {
        Dataset ds = DATASETS[rnd.nextInt(DATASETS.length)];
        int cadence = rnd.nextInt(CADENCE.length);
        String timespan = TIMESPANS[rnd.nextInt(TIMESPANS.length)];
        Instant created = EPOCH.plus(rnd.nextInt(365 * 24 * 60), ChronoUnit.MINUTES);
        Instant start = created.plus(1 + rnd.nextInt(72), ChronoUnit.HOURS);
        Instant modified = created.plus(rnd.nextInt(90 * 24 * 60), ChronoUnit.MINUTES);
        boolean callback = rnd.nextInt(4) == 0;
        String name = CADENCE[cadence] + " " + ds.subject() + " report " + number;
        return new Report(
                uuid(rnd),
                name,
                CADENCE[cadence] + " export of " + ds.table() + " for the " + ds.subject() + " dashboard",
                uuid(rnd).toString(),
                "SELECT " + ds.columns() + " FROM " + ds.table() + " TIMESPAN " + timespan,
                USERS[rnd.nextInt(USERS.length)],
                created,
                modified,
                rnd.nextInt(10) == 0,
                start,
                status,
                INTERVAL_HOURS[cadence],
                1 + rnd.nextInt(100),
                callback ? "https://hooks.contoso.example/insights/" + number : null,
                callback ? (rnd.nextBoolean() ? "GET" : "POST") : null,
                rnd.nextInt(5) == 0 ? "tsv" : "csv");
    }

    /** A version-4 UUID from the generator. */
    private static UUID uuid(Random rnd) {
        long msb = (rnd.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (rnd.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
