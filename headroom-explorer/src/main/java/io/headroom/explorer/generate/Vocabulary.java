package io.headroom.explorer.generate;

import java.util.List;
import java.util.SplittableRandom;

/** The words generated lakes are made of: folders (with a skewed weight), topics, licenses, text. */
final class Vocabulary {
    private Vocabulary() {}

    /** A folder and how often datasets land in it: a few big folders, a long tail, some nesting. */
    record Folder(String path, int weight, List<String> topics, List<String> tags) {}

    static final List<Folder> FOLDERS = List.of(
            new Folder(
                    "finance",
                    18,
                    List.of("transactions", "invoices", "ledger", "budget", "payments"),
                    List.of("finance", "accounting", "monthly")),
            new Folder(
                    "finance/markets",
                    6,
                    List.of("fx_rates", "equities", "bond_yields"),
                    List.of("markets", "prices", "daily")),
            new Folder(
                    "health",
                    14,
                    List.of("admissions", "vaccinations", "clinic_visits", "prescriptions"),
                    List.of("health", "patients", "public-sector")),
            new Folder(
                    "health/hospitals", 5, List.of("bed_occupancy", "waiting_times"), List.of("hospitals", "capacity")),
            new Folder(
                    "environment/air",
                    10,
                    List.of("air_quality", "pm25_readings", "ozone_levels"),
                    List.of("air", "sensors", "pollution")),
            new Folder(
                    "environment/water",
                    6,
                    List.of("river_levels", "water_quality", "rainfall"),
                    List.of("water", "hydrology", "sensors")),
            new Folder(
                    "environment", 4, List.of("weather_stations", "biodiversity"), List.of("environment", "climate")),
            new Folder(
                    "transport",
                    9,
                    List.of("bus_ridership", "traffic_counts", "rail_delays", "bike_share"),
                    List.of("transport", "mobility", "city")),
            new Folder(
                    "retail/sales",
                    8,
                    List.of("store_sales", "orders", "returns", "basket_sizes"),
                    List.of("retail", "sales", "commerce")),
            new Folder(
                    "energy",
                    6,
                    List.of("grid_load", "solar_output", "meter_readings"),
                    List.of("energy", "electricity", "grid")),
            new Folder(
                    "education",
                    5,
                    List.of("enrolments", "exam_results", "school_census"),
                    List.of("education", "schools")),
            new Folder(
                    "science/genomics",
                    3,
                    List.of("sample_registry", "sequencing_runs"),
                    List.of("genomics", "research", "lab")),
            new Folder(
                    "public/census/2020",
                    3,
                    List.of("population_by_area", "households"),
                    List.of("census", "demographics", "2020")),
            new Folder("", 3, List.of("misc_export", "scratch_table"), List.of("misc")));

    private static final int TOTAL_WEIGHT =
            FOLDERS.stream().mapToInt(Folder::weight).sum();

    static final List<String> QUALIFIERS = List.of(
            "2019", "2020", "2021", "2022", "2023", "2024", "monthly", "daily", "eu", "us", "regional", "summary");
    static final List<String> LICENSES = List.of("CC-BY-4.0", "CC0-1.0", "ODbL-1.0", "OGL-UK-3.0", "proprietary");
    static final List<String> CATEGORIES =
            List.of("north", "south", "east", "west", "central", "A1", "B7", "C3", "pending", "closed", "open");
    /** Some values hold the delimiter or a quote, so writers must quote and readers must honour it. */
    static final List<String> PEOPLE =
            List.of("Smith, J.", "Nguyen; T.", "O'Brien", "Garcia | M.", "\"Kim\" L.", "Ahmed", "Rossi", "Müller, K.");

    static final List<String> WORDS = List.of(
            "checked",
            "estimated",
            "late",
            "manual",
            "entry",
            "corrected",
            "sensor",
            "offline",
            "value",
            "revised",
            "outlier",
            "ok",
            "see",
            "note",
            "backfilled");

    static Folder folder(SplittableRandom random) {
        int pick = random.nextInt(TOTAL_WEIGHT);
        for (Folder folder : FOLDERS) {
            pick -= folder.weight();
            if (pick < 0) {
                return folder;
            }
        }
        return FOLDERS.getLast();
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
