package io.provisio.customer.onboarding.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.provisio.customer.onboarding.application.BatchProperties;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.JsonFieldErrors;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads the body of {@code POST /api/v1/onboarding-batches}: a JSON array of onboarding requests, or a CSV file with
 * the header of {@link #COLUMNS} (customer-service README, "Onboarding batches"). A CSV row becomes the same JSON
 * request a partner would send, so both are judged by one set of rules; a CSV row's errors name its columns.
 * What makes the whole body unreadable (not JSON, not CSV, an unknown column, too many rows) is a 400; what is wrong
 * with one row is that row's errors.
 */
@Component
class BatchBodies {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    /** Each CSV column and the request field it fills; contacts and plans are numbered columns (below). */
    static final Map<String, String> COLUMNS = columns();
    /** The columns a valid row cannot do without: a header without them is refused before any row is read. */
    static final Set<String> REQUIRED = Set.of("accountName", "companyName", "city", "country", "adminUsername",
            "adminFirstName", "adminLastName", "adminEmail");
    /** contact1Kind ... contact50Phone, plan1Code ... plan50StartDate. */
    private static final Pattern NUMBERED = Pattern.compile(
            "(contact)([1-9][0-9]?)(Kind|Name|Email|Phone)|(plan)([1-9][0-9]?)(Code|Units|StartDate)");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[;\\s]+");

    private final JsonMapper json;
    private final CsvMapper csv = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
    private final int maxRows;

    BatchBodies(JsonMapper json, BatchProperties properties) {
        this.json = json;
        this.maxRows = properties.maxRows();
    }

    /**
     * One row as read: its request as JSON (for the validator and the digest), or the errors that kept it from
     * being read.
     *
     * @param request the row as an onboarding request, or null when it is no JSON object
     * @param columns for a CSV row, which column each request field came from (to name them in errors)
     */
    record Row(int index, ObjectNode request, List<FieldError> errors, Map<String, String> columns) {

        /** The field's name as the partner wrote it: its CSV column, or the request's path. */
        String named(String field) {
            return columns.getOrDefault(field, field);
        }
    }

    /** @throws ApiProblem 400 when the body as a whole cannot be read */
    List<Row> read(MediaType type, byte[] body) {
        if (type != null && CSV.isCompatibleWith(type)) {
            return csv(body);
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.malformed("The body is not valid JSON" + where(e));
        }
        if (root == null || !root.isArray()) {
            throw ApiProblem.malformed("The body must be a JSON array of onboarding requests, or text/csv");
        }
        count(root.size());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            rows.add(node instanceof ObjectNode object ? new Row(i, object, List.of(), Map.of())
                    : new Row(i, null, List.of(new FieldError("", "must be an onboarding request (a JSON object)")),
                            Map.of()));
        }
        return rows;
    }

    private List<Row> csv(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // the byte order mark spreadsheets write
        }
        String firstLine = text.lines().findFirst().orElse("");
        // Spreadsheets in many European locales save with semicolons.
        char separator = firstLine.indexOf(',') < 0 && firstLine.indexOf(';') >= 0 ? ';' : ',';
        List<String[]> lines;
        try (MappingIterator<String[]> values = csv.readerFor(String[].class)
                .with(CsvSchema.emptySchema().withColumnSeparator(separator)).readValues(text)) {
            lines = values.readAll();
        } catch (JacksonException e) {
            throw ApiProblem.malformed("The body is not valid CSV" + where(e));
        }
        if (lines.isEmpty()) {
            throw ApiProblem.malformed("The CSV needs a header line naming its columns");
        }
        String[] header = Arrays.stream(lines.getFirst()).map(String::strip).toArray(String[]::new);
        checkHeader(header);
        List<String[]> data = lines.subList(1, lines.size()).stream()
                .filter(line -> Arrays.stream(line).anyMatch(cell -> !cell.isBlank())).toList();
        count(data.size());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            rows.add(row(i, header, data.get(i)));
        }
        return rows;
    }

    private static void checkHeader(String[] header) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (String column : header) {
            if (!COLUMNS.containsKey(column) && !NUMBERED.matcher(column).matches()) {
                errors.add(new FieldError(column, column.equalsIgnoreCase("adminPassword")
                        ? "is not accepted: the administrator sets a password through the activation link"
                        : "is not a known column"));
            } else if (!seen.add(column)) {
                errors.add(new FieldError(column, "appears more than once"));
            }
        }
        REQUIRED.stream().filter(required -> !seen.contains(required)).sorted()
                .forEach(missing -> errors.add(new FieldError(missing, "is a required column")));
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
    }

    /** A CSV line as the JSON request it stands for; empty cells are absent fields. */
    private Row row(int index, String[] header, String[] cells) {
        if (cells.length > header.length) {
            return new Row(index, null, List.of(new FieldError("", "has " + cells.length
                    + " values, the header names " + header.length + " columns")), Map.of());
        }
        ObjectNode request = json.createObjectNode();
        ObjectNode customer = request.putObject("customer");
        customer.putObject("address");
        request.putObject("administrator");
        Map<String, String> named = new LinkedHashMap<>();
        Map<Integer, ObjectNode> contacts = new TreeMap<>();
        Map<Integer, ObjectNode> plans = new TreeMap<>();
        Map<String, String> columnOf = new LinkedHashMap<>();
        for (int c = 0; c < cells.length; c++) {
            String value = cells[c].strip();
            if (value.isEmpty()) {
                continue;
            }
            String column = header[c];
            var numbered = NUMBERED.matcher(column);
            if (numbered.matches()) {
                boolean contact = numbered.group(1) != null;
                int number = Integer.parseInt(contact ? numbered.group(2) : numbered.group(5));
                String part = contact ? numbered.group(3) : numbered.group(6);
                ObjectNode entry = (contact ? contacts : plans).computeIfAbsent(number, n -> json.createObjectNode());
                String field = contact ? Character.toLowerCase(part.charAt(0)) + part.substring(1)
                        : switch (part) {
                            case "Code" -> "planCode";
                            case "Units" -> "units";
                            default -> "startDate";
                        };
                if (field.equals("units") && value.matches("[0-9]{1,9}")) {
                    entry.put(field, Integer.parseInt(value));
                } else {
                    entry.put(field, value);
                }
                columnOf.put((contact ? "contact" : "plan") + number + "." + field, column);
                continue;
            }
            String path = COLUMNS.get(column);
            named.put(path, column);
            set(request, path, column, value);
        }
        // An empty cell is an absent field, but a rule that needs it (setupContactEmail for setupBy CUSTOMER) still
        // names the column the partner left empty, not the request's path.
        for (String column : header) {
            if (COLUMNS.containsKey(column)) {
                named.putIfAbsent(COLUMNS.get(column), column);
            }
        }
        list(request, "contacts", "contact", contacts, columnOf, named);
        list(request, "plans", "plan", plans, columnOf, named);
        return new Row(index, request, List.of(), named);
    }

    /**
     * The numbered columns' entries as the request's list, in the order of their numbers: the n-th filled one is
     * {@code field[n-1]} whatever its column number, and {@code named} learns which column each field came from.
     */
    private static void list(ObjectNode request, String field, String prefix, Map<Integer, ObjectNode> entries,
                             Map<String, String> columnOf, Map<String, String> named) {
        ArrayNode list = request.putArray(field);
        entries.forEach((number, entry) -> {
            int position = list.size();
            list.add(entry);
            entry.propertyNames().forEach(name -> named.put(field + "[" + position + "]." + name,
                    columnOf.get(prefix + number + "." + name)));
        });
    }

    private static void set(ObjectNode request, String path, String column, String value) {
        String[] parts = path.split("\\.");
        ObjectNode parent = request;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.has(parts[i]) ? (ObjectNode) parent.get(parts[i]) : parent.putObject(parts[i]);
        }
        String field = parts[parts.length - 1];
        switch (column) {
            case "domains" -> {
                ArrayNode domains = parent.putArray(field);
                LIST_SEPARATOR.splitAsStream(value).filter(d -> !d.isEmpty()).forEach(domains::add);
            }
            case "acceptPaidPlans" -> {
                if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                    parent.put(field, Boolean.parseBoolean(value));
                } else {
                    parent.put(field, value);
                }
            }
            default -> parent.put(field, value);
        }
    }

    private void count(int rows) {
        if (rows < 1 || rows > maxRows) {
            throw ApiProblem.validation(List.of(new FieldError("rows", "must have 1 to " + maxRows + " entries")));
        }
    }

    private static String where(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String field : List.of("accountName", "companyName", "externalCode", "parentCustomerId", "businessType",
                "tenantType", "edition", "locale", "domains", "emergencyContactEmail")) {
            columns.put(field, "customer." + field);
        }
        for (String field : List.of("street", "city", "region", "postalCode", "country")) {
            columns.put(field, "customer.address." + field);
        }
        for (String field : List.of("Username", "FirstName", "LastName", "DisplayName", "Email", "Phone", "JobTitle",
                "Department")) {
            columns.put("admin" + field, "administrator." + Character.toLowerCase(field.charAt(0))
                    + field.substring(1));
        }
        columns.put("acceptPaidPlans", "acceptPaidPlans");
        columns.put("welcomeSendAt", "welcomeEmail.sendAt");
        columns.put("welcomeLanguage", "welcomeEmail.language");
        columns.put("setupBy", "setup.by");
        columns.put("setupContactEmail", "setup.contactEmail");
        columns.put("setupStartDate", "setup.startDate");
        return Map.copyOf(columns);
    }
}
