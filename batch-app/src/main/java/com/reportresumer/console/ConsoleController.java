package com.reportresumer.console;

import com.reportresumer.audit.AuditExport;
import com.reportresumer.audit.AuditQuery;
import com.reportresumer.audit.AuditRow;
import com.reportresumer.audit.AuditTrail;
import com.reportresumer.audit.RunRow;
import com.reportresumer.cli.TimeArgument;
import com.reportresumer.cli.UsageException;
import com.reportresumer.flag.FlagReport;
import com.reportresumer.flag.ReportFlagger;
import com.reportresumer.flag.RequestQueue;
import com.reportresumer.flag.RequestRow;
import com.reportresumer.flag.Withdrawal;
import com.reportresumer.resume.ReportIds;
import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.resume.StopRequests;
import com.reportresumer.text.Durations;
import com.reportresumer.text.RowFormats;
import com.reportresumer.text.UntrustedText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's pages, each over the query the command line uses for the same question: {@code runs}
 * ({@link AuditTrail#runs}), {@code audit} ({@link AuditTrail#find}, its exports written by {@link RowFormats} as
 * {@code audit --format csv|json} writes them), {@code audit --report} and {@code pending}.
 */
@Controller
@ConditionalOnWebApplication
class ConsoleController {

    /** Rows per page of the audit search (the search itself keeps the latest {@code limit}, as {@code audit}). */
    static final int PAGE = 100;

    private final AuditTrail trail;
    private final RequestQueue queue;
    private final ReportFlagger flags;
    private final ConsoleActions actions;
    private final ConsoleAccess access;

    ConsoleController(AuditTrail trail, RequestQueue queue, ReportFlagger flags, ConsoleActions actions,
            ConsoleAccess access) {
        this.trail = trail;
        this.queue = queue;
        this.flags = flags;
        this.actions = actions;
        this.access = access;
    }

    @ModelAttribute
    void whoIsSignedIn(Model model) {
        // the context's, not the request's principal: that of the local viewer is anonymous
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean anonymous = authentication == null || authentication instanceof AnonymousAuthenticationToken;
        if (anonymous && access.mode() == ConsoleAccess.Mode.SIGN_IN) {
            authentication = null; // not signed in (yet)
        }
        boolean signedIn = !anonymous;
        model.addAttribute("signedIn", signedIn);
        model.addAttribute("user", authentication == null ? null : ConsoleSecurity.nameOf(authentication));
        model.addAttribute("operator", has(authentication, Role.OPERATOR));
        model.addAttribute("role", has(authentication, Role.OPERATOR) ? "operator"
                : has(authentication, Role.VIEWER) ? "viewer" : "no role");
    }

    private static boolean has(Authentication authentication, Role role) {
        return authentication != null && authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(role.authority().getAuthority()::equals);
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("formUsers", access.formUsers());
        model.addAttribute("providers", access.providers());
        return "console/login";
    }

    @GetMapping("/")
    String runs(Model model) {
        List<RunRow> runs = trail.runs(50);
        boolean anyRunning = runs.stream().anyMatch(RunRow::running);
        model.addAttribute("runs", runs);
        model.addAttribute("anyRunning", anyRunning);
        model.addAttribute("live", LiveProgress.of(runs, anyRunning ? trail.leases() : List.of()));
        model.addAttribute("chart", OutcomeChart.of(runs.subList(0, Math.min(runs.size(), OutcomeChart.RUNS))));
        model.addAttribute("outcomes", ResumeOutcome.values());
        model.addAttribute("actions", actions.recent(20));
        return "console/runs";
    }

    @GetMapping("/runs/{id}")
    String run(@PathVariable long id, Model model) {
        RunRow run = trail.run(id).orElseThrow(() -> new NotFound("there is no execution " + id));
        model.addAttribute("run", run);
        model.addAttribute("canRerun", run.count(ResumeOutcome.FAILED) > 0);
        // what `restart` would take: a failed or stopped execution that no later one continued
        model.addAttribute("canRestart", !run.running() && run.restartedAs() == null
                && List.of("FAILED", "STOPPED", "UNKNOWN").contains(run.status()));
        model.addAttribute("live", run.running() ? LiveProgress.of(List.of(run), trail.leases()) : List.of());
        model.addAttribute("outcomes", ResumeOutcome.values());
        model.addAttribute("failureGroups", trail.failureGroups(id, 50));
        model.addAttribute("slowest", trail.slowest(id, 10));
        model.addAttribute("notResumed", trail.find(new AuditQuery(id, null,
                EnumSet.complementOf(EnumSet.of(ResumeOutcome.RESUMED)), null, null, 500, false)));
        return "console/run";
    }

    @GetMapping("/reports")
    String reports(@RequestParam(name = "id", required = false) String id, Model model) {
        model.addAttribute("query", id == null ? "" : id);
        if (id == null || id.isBlank()) {
            return "console/report";
        }
        List<String> matches = trail.reportIdsStartingWith(id, 51);
        // a whole ID (any case), a text flagged as it was typed, or the one report a prefix names
        String report = ReportIds.parse(id).isPresent() ? id.strip()
                : matches.stream().filter(m -> m.strip().equalsIgnoreCase(id.strip())).findFirst()
                        .orElse(matches.size() == 1 ? matches.get(0) : null);
        if (report == null) {
            model.addAttribute("matches", matches.subList(0, Math.min(50, matches.size())));
            model.addAttribute("moreMatches", matches.size() > 50);
            return "console/report";
        }
        model.addAttribute("report", report);
        model.addAttribute("calls", trail.find(new AuditQuery(null, report, null, null, null, 1000, false)));
        model.addAttribute("flags", queue.flagsOf(report));
        return "console/report";
    }

    @GetMapping("/queue")
    String queue(@RequestParam(name = "stale", defaultValue = "1d") String stale, Model model) {
        Instant staleBefore = TimeArgument.parse("stale", stale, Clock.systemUTC());
        model.addAttribute("stale", stale);
        model.addAttribute("staleBefore", staleBefore);
        model.addAttribute("queue", queue.pending(1000, staleBefore));
        return "console/queue";
    }

    /** The filters of {@code audit}, as the search form and the export links give them. */
    record AuditFilters(Long run, String report, List<String> outcome, String since, String until, boolean latest,
            int limit) {

        AuditFilters {
            report = report == null || report.isBlank() ? null : report;
            outcome = outcome == null ? List.of() : outcome.stream().filter(o -> !o.isBlank()).toList();
            since = since == null || since.isBlank() ? null : since;
            until = until == null || until.isBlank() ? null : until;
        }

        /** The query {@code audit} runs for these filters, refused as {@code audit} refuses them. */
        AuditQuery query(AuditTrail trail) {
            if (limit < 1) {
                throw new UsageException("limit must be at least 1");
            }
            Clock clock = Clock.systemUTC();
            Instant from = since == null ? null : TimeArgument.parse("since", since, clock);
            Instant to = until == null ? null : TimeArgument.parse("until", until, clock);
            if (from != null && to != null && !from.isBefore(to)) {
                throw new UsageException("since " + since + " (" + from + ") is not before until " + until + " (" + to
                        + "): no row can match");
            }
            if (run != null && !trail.runExists(run)) {
                throw new UsageException("there is no execution " + run);
            }
            EnumSet<ResumeOutcome> outcomes = EnumSet.noneOf(ResumeOutcome.class);
            for (String o : outcome) {
                try {
                    outcomes.add(ResumeOutcome.valueOf(o.strip().toUpperCase(Locale.ROOT)));
                }
                catch (IllegalArgumentException unknown) {
                    throw new UsageException("no such outcome: " + o);
                }
            }
            return new AuditQuery(run, report, outcomes, from, to, limit, latest);
        }
    }

    private static AuditFilters filters(Long run, String report, List<String> outcome, String since, String until,
            boolean latest, int limit) {
        return new AuditFilters(run, report, outcome, since, until, latest, limit);
    }

    /**
     * The audit search: the window {@code audit} prints for the filters (its latest {@code limit} rows), {@link #PAGE}
     * rows a page, oldest first. Keyset-paged: a page's links carry the window's newest ID ({@code top}, so that rows
     * appended since never shift a page) and the last ({@code after}) or first ({@code before}) ID of the page, so
     * each page is one index range, however deep; {@code page} is only the number shown.
     */
    @GetMapping("/audit")
    String audit(@RequestParam(required = false) Long run, @RequestParam(required = false) String report,
            @RequestParam(required = false) List<String> outcome, @RequestParam(required = false) String since,
            @RequestParam(required = false) String until, @RequestParam(defaultValue = "false") boolean latest,
            @RequestParam(defaultValue = "1000") int limit, @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) Long top, @RequestParam(required = false) Long after,
            @RequestParam(required = false) Long before, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        AuditFilters filters = filters(run, report, outcome, since, until, latest, limit);
        model.addAttribute("filters", filters);
        model.addAttribute("allOutcomes", ResumeOutcome.values());
        try {
            AuditQuery query = filters.query(trail);
            AuditTrail.Window window = trail.window(query, top);
            List<AuditRow> rows = trail.page(query, window, before == null ? after : null, before, PAGE);
            boolean beyond = rows.size() > PAGE; // a row past the page in the direction it was read
            if (beyond) {
                rows = before != null ? rows.subList(1, rows.size()) : rows.subList(0, PAGE);
            }
            boolean hasPrevious = !rows.isEmpty() && rows.get(0).id() > window.floor();
            boolean hasNext = !rows.isEmpty() && rows.get(rows.size() - 1).id() < window.top();
            int pages = (int) Math.max(1, (window.count() + PAGE - 1) / PAGE);
            int current = !hasPrevious ? 1 : !hasNext ? pages : Math.min(Math.max(2, page), pages - 1);
            model.addAttribute("total", window.count());
            model.addAttribute("rows", rows);
            model.addAttribute("page", current);
            model.addAttribute("pages", pages);
            String params = request.getQueryString() == null ? "" : request.getQueryString();
            model.addAttribute("csvLink", link("/audit.csv", params));
            model.addAttribute("jsonLink", link("/audit.json", params));
            model.addAttribute("previousLink", hasPrevious
                    ? pageLink(params, window.top(), "before", rows.get(0).id(), current - 1) : null);
            model.addAttribute("nextLink", hasNext
                    ? pageLink(params, window.top(), "after", rows.get(rows.size() - 1).id(), current + 1) : null);
        }
        catch (UsageException refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", refused.getMessage());
        }
        return "console/audit";
    }

    /** The search's filters without its paging: what the exports and a new search take. */
    private static String link(String path, String query) {
        return UriComponentsBuilder.fromPath(path).query(query).replaceQueryParam("page").replaceQueryParam("top")
                .replaceQueryParam("after").replaceQueryParam("before").build().toUriString();
    }

    private static String pageLink(String query, long top, String cursor, long id, int page) {
        return UriComponentsBuilder.fromPath("/audit").query(query).replaceQueryParam("after")
                .replaceQueryParam("before").replaceQueryParam("top", top).replaceQueryParam(cursor, id)
                .replaceQueryParam("page", page).build().toUriString();
    }

    /** {@code audit --format csv} with the same filters, byte for byte. */
    @GetMapping("/audit.csv")
    void auditCsv(@RequestParam(required = false) Long run, @RequestParam(required = false) String report,
            @RequestParam(required = false) List<String> outcome, @RequestParam(required = false) String since,
            @RequestParam(required = false) String until, @RequestParam(defaultValue = "false") boolean latest,
            @RequestParam(defaultValue = "1000") int limit, HttpServletResponse response) throws IOException {
        export(filters(run, report, outcome, since, until, latest, limit), "text/csv", "audit.csv", response,
                AuditExport.CSV);
    }

    /** {@code audit --format json} with the same filters, byte for byte. */
    @GetMapping("/audit.json")
    void auditJson(@RequestParam(required = false) Long run, @RequestParam(required = false) String report,
            @RequestParam(required = false) List<String> outcome, @RequestParam(required = false) String since,
            @RequestParam(required = false) String until, @RequestParam(defaultValue = "false") boolean latest,
            @RequestParam(defaultValue = "1000") int limit, HttpServletResponse response) throws IOException {
        export(filters(run, report, outcome, since, until, latest, limit), "application/json", "audit.json",
                response, AuditExport.JSON);
    }

    /**
     * Streams the export as the database sends the rows ({@link AuditExport}, the writer of {@code audit --format}):
     * the first bytes leave before the last row is read, and the console holds a fetch of rows, never the export.
     */
    private void export(AuditFilters filters, String type, String file, HttpServletResponse response,
            AuditExport format) throws IOException {
        AuditQuery query;
        try {
            query = filters.query(trail);
        }
        catch (UsageException refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println(refused.getMessage());
            return;
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(type + ";charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
        format.write(trail, query, response.getWriter());
    }

    /**
     * What a confirmation page shows: what the action will do ({@code lines}), the items it concerns, and the form
     * that does it (its hidden {@code fields}, the button); {@code cancel} goes back.
     */
    record Confirmation(String title, List<String> lines, List<String> items, String action,
            Map<String, String> fields, String button, String cancel) {
    }

    private static String confirm(Model model, Confirmation confirmation) {
        model.addAttribute("confirm", confirmation);
        return "console/confirm";
    }

    /** The confirmation of {@code rerun-failed [--run ID]}: what it does, and the button that does it. */
    @GetMapping("/actions/rerun-failed")
    String confirmRerunFailed(@RequestParam(required = false) Long run, Model model) {
        if (run != null && !trail.runExists(run)) {
            throw new NotFound("there is no execution " + run);
        }
        return confirm(model, new Confirmation("Rerun the FAILED reports?", List.of(run == null
                ? "This flags again every report whose latest outcome is FAILED (except one whose flag was withdrawn "
                        + "since), then runs the job: rerun-failed."
                : "This flags again every report whose latest outcome is FAILED in execution " + run + " (except one "
                        + "whose flag was withdrawn since), then runs the job: rerun-failed --run " + run + ".",
                CALLS_THE_API), List.of(), "/actions/rerun-failed", run == null ? Map.of() : Map.of("run",
                        String.valueOf(run)), "Yes, rerun them", run == null ? "/" : "/runs/" + run));
    }

    private static final String CALLS_THE_API = "The run calls Partner Center, takes the run lock like any run "
            + "(refused while another execution runs), and is recorded with your name.";

    @PostMapping("/actions/rerun-failed")
    String rerunFailed(@RequestParam(required = false) Long run, Authentication authentication,
            RedirectAttributes redirect) {
        try {
            long asked = actions.rerunFailed(ConsoleSecurity.nameOf(authentication), run);
            redirect.addFlashAttribute("notice", "Rerun of the FAILED reports" + (run == null ? ""
                    : " of execution " + run) + " asked (action " + asked + "): its outcome appears below");
        }
        catch (ConsoleActions.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/";
    }

    /** The confirmation of {@code restart ID}. */
    @GetMapping("/actions/restart")
    String confirmRestart(@RequestParam long run, Model model) {
        RunRow row = trail.run(run).orElseThrow(() -> new NotFound("there is no execution " + run));
        return confirm(model, new Confirmation("Restart execution " + run + "?", List.of("Execution " + run + " is "
                + row.status() + ". This continues it from its last committed chunk with the requests still PENDING: "
                + "restart " + run + ".", CALLS_THE_API), List.of(), "/actions/restart",
                Map.of("run", String.valueOf(run)), "Yes, restart it", "/runs/" + run));
    }

    @PostMapping("/actions/restart")
    String restart(@RequestParam long run, Authentication authentication, RedirectAttributes redirect) {
        try {
            long asked = actions.restart(ConsoleSecurity.nameOf(authentication), run);
            redirect.addFlashAttribute("notice", "Restart of execution " + run + " asked (action " + asked
                    + "): its outcome appears below");
        }
        catch (ConsoleActions.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/";
    }

    /** The confirmation of {@code stop ID}. */
    @GetMapping("/actions/stop")
    String confirmStop(@RequestParam long run, Model model) {
        trail.run(run).orElseThrow(() -> new NotFound("there is no execution " + run));
        return confirm(model, new Confirmation("Stop execution " + run + "?", List.of("This asks execution " + run
                + ", wherever it runs, to start no new call; the calls in flight return and are committed, then it "
                + "ends STOPPED: stop " + run + ". Nothing is called twice, and Restart continues it later.",
                "The request is recorded with your name."), List.of(), "/actions/stop",
                Map.of("run", String.valueOf(run)), "Yes, stop it", "/runs/" + run));
    }

    @PostMapping("/actions/stop")
    String stop(@RequestParam long run, Authentication authentication, RedirectAttributes redirect) {
        StopRequests.Answer answer = actions.stop(ConsoleSecurity.nameOf(authentication), run);
        if (answer instanceof StopRequests.NotRunning none) {
            redirect.addFlashAttribute("problem", none.why());
        }
        else if (answer instanceof StopRequests.AlreadyAsked already) {
            redirect.addFlashAttribute("notice", "A stop of execution " + run + " was already asked for by "
                    + already.by() + " at " + SHOW.time(already.at()) + " UTC");
        }
        else {
            redirect.addFlashAttribute("notice", "Stop of execution " + run + " asked: it stops after its calls "
                    + "in flight, then shows STOPPED");
        }
        return "redirect:/runs/" + run;
    }

    /** The form of {@code flag}: report IDs pasted, and why. */
    @GetMapping("/actions/flag")
    String flagForm() {
        return "console/flag";
    }

    /** What {@code flag} would do with the IDs pasted: the confirmation, with what is malformed or pending already. */
    @PostMapping("/actions/flag/check")
    String checkFlag(@RequestParam(defaultValue = "") String ids, @RequestParam(defaultValue = "") String reason,
            Model model) {
        List<String> given = pastedIds(ids);
        if (given.isEmpty()) {
            model.addAttribute("problem", "no report ID given: paste one per line (or separated by spaces or commas)");
            return "console/flag";
        }
        List<String> malformed = given.stream().filter(id -> ReportIds.parse(id).isEmpty()).toList();
        Set<String> valid = new LinkedHashSet<>();
        given.stream().map(ReportIds::parse).flatMap(Optional::stream).map(UUID::toString).forEach(valid::add);
        Set<String> pending = flags.pendingAmong(List.copyOf(valid));
        List<String> lines = new ArrayList<>();
        lines.add(valid.size() - pending.size() + " of the " + given.size() + " IDs will be flagged PENDING for the "
                + "next run, with you as who asked" + (reason.isBlank() ? "" : " and the reason given") + ".");
        if (!pending.isEmpty()) {
            lines.add(pending.size() + " already have a PENDING flag: they are not flagged twice.");
        }
        if (!malformed.isEmpty()) {
            lines.add(malformed.size() + " are malformed (not a UUID) and will not be flagged:");
        }
        return confirm(model, new Confirmation("Flag " + (valid.size() - pending.size()) + " reports?", lines,
                malformed.stream().map(UntrustedText::printable).toList(), "/actions/flag",
                Map.of("ids", String.join(" ", given), "reason", reason.strip()), "Yes, flag them", "/queue"));
    }

    @PostMapping("/actions/flag")
    String flag(@RequestParam(defaultValue = "") String ids, @RequestParam(defaultValue = "") String reason,
            Authentication authentication, RedirectAttributes redirect) {
        List<String> given = pastedIds(ids);
        if (given.isEmpty()) {
            redirect.addFlashAttribute("problem", "no report ID given: nothing was flagged");
            return "redirect:/queue";
        }
        FlagReport report = actions.flag(ConsoleSecurity.nameOf(authentication), given, reason);
        String counts = report.counts();
        redirect.addFlashAttribute(report.malformed().isEmpty() ? "notice" : "problem", "Flagged: " + counts
                + (report.malformed().isEmpty() ? "" : " (not flagged: " + report.malformed().stream()
                        .map(UntrustedText::printable).limit(10).collect(Collectors.joining(", "))
                        + (report.malformed().size() > 10 ? ", …" : "") + ")"));
        return "redirect:/queue";
    }

    /** The confirmation of {@code unflag ID}. */
    @GetMapping("/actions/withdraw")
    String confirmWithdraw(@RequestParam String report, Model model) {
        RequestRow flag = queue.flagsOf(report).stream().filter(r -> "PENDING".equals(r.status())).findFirst()
                .orElseThrow(() -> new NotFound("report " + UntrustedText.printable(report)
                        + " has no PENDING flag to withdraw"));
        return confirm(model, new Confirmation("Withdraw the flag of " + flag.reportId() + "?", List.of("Request "
                + flag.id() + " was flagged " + SHOW.time(flag.requestedAt()) + " UTC by " + flag.requestedBy()
                + (flag.reason() == null ? "" : " (" + flag.reason() + ")") + ". Withdrawn, it becomes WITHDRAWN "
                + "with your name, the time and the reason below, and no run resumes it; it is never deleted, and "
                + "the report may be flagged again: unflag " + flag.reportId() + "."), List.of(),
                "/actions/withdraw", Map.of("report", flag.reportId()), "Yes, withdraw it", "/queue"));
    }

    @PostMapping("/actions/withdraw")
    String withdraw(@RequestParam String report, @RequestParam(defaultValue = "") String reason,
            Authentication authentication, RedirectAttributes redirect) {
        Withdrawal withdrawal = actions.withdraw(ConsoleSecurity.nameOf(authentication), report, reason);
        if (withdrawal.withdrawn().isEmpty()) {
            redirect.addFlashAttribute("problem", "Nothing withdrawn: " + UntrustedText.printable(report)
                    + (withdrawal.malformed().isEmpty() ? " has no PENDING flag (a run may have taken it)"
                            : " is not a report ID"));
        }
        else {
            OptionalLong running = queue.runningExecution();
            redirect.addFlashAttribute("notice", "Withdrawn: the flag of " + withdrawal.withdrawn().get(0).reportId()
                    + (running.isPresent() ? " (execution " + running.getAsLong() + " is running: if it had read "
                            + "the request already, it still resumes it)" : ""));
        }
        return "redirect:/queue";
    }

    /** Report IDs pasted: one per line, or separated by spaces, commas or semicolons; blank lines and # comments out. */
    static List<String> pastedIds(String text) {
        List<String> ids = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            for (String id : content.split("[\\s,;]+")) {
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** A page for something that does not exist. */
    @ResponseStatus(HttpStatus.NOT_FOUND)
    static class NotFound extends RuntimeException {

        NotFound(String message) {
            super(message);
        }
    }

    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFound missing, Model model) {
        model.addAttribute("problem", missing.getMessage());
        return "console/problem";
    }

    @ExceptionHandler(UsageException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest(UsageException refused, Model model) {
        model.addAttribute("problem", refused.getMessage());
        return "console/problem";
    }

    @ModelAttribute("show")
    Show show() {
        return SHOW;
    }

    static final Show SHOW = new Show();

    /** How pages show times (UTC), durations and ages: {@code ${show.time(t)}}, {@code ${show.human(ms)}}, {@code ${show.age(s)}}. */
    static final class Show {

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        public String time(OffsetDateTime t) {
            return t == null ? "" : TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
        }

        public String time(Instant t) {
            return t == null ? "" : TIME.format(t.atOffset(ZoneOffset.UTC));
        }

        /** As {@code runs} prints a duration ({@link Durations#elapsed}). */
        public String human(Long millis) {
            return millis == null ? "" : Durations.elapsed(millis);
        }

        /** As {@code pending} prints an age ({@link Durations#age}). */
        public String age(long seconds) {
            return Durations.age(seconds);
        }
    }
}
