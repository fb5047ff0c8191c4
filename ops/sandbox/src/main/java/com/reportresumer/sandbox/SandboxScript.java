package com.reportresumer.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact answers a test scripts, from {@link Sandbox#script()}: for the resume calls of one report or of all, for
 * the report listing, and for the token endpoint. Each script is a sequence: the calls take its answers in turn and
 * the last one repeats, so "fail twice, then succeed" is {@code answerResume(id, fail, fail, ScriptedAnswer.asUsual())}.
 * Scripting again replaces a script and starts its sequence over. Thread-safe; scripts may change while calls run.
 *
 * <p>Precedence for a resume call: the report's own script, then {@link #answerEveryResume}, then the sandbox's
 * usual handling. For a listing: the first matching {@link #answerListWhere}, then {@link #answerList}. A call is
 * given a scripted answer only after the checks that come first for any API call (rate limit, latency, token,
 * route, id syntax); calls refused by them do not advance a sequence.
 */
public final class SandboxScript {

    /** Answers taken in turn, the last repeating. */
    private static final class Sequence<T> {
        private final List<T> answers;
        private final AtomicInteger taken = new AtomicInteger();

        /** @param answers at least one, none null */
        Sequence(List<T> answers) {
            if (answers.isEmpty()) {
                throw new IllegalArgumentException("a script needs at least one answer");
            }
            this.answers = List.copyOf(answers);
        }

        @SafeVarargs
        static <T> Sequence<T> of(T first, T... then) {
            List<T> all = new ArrayList<>(1 + then.length);
            all.add(first);
            all.addAll(Arrays.asList(then));
            return new Sequence<>(all);
        }

        T next() {
            int i = taken.getAndIncrement();
            return answers.get(i < 0 || i >= answers.size() ? answers.size() - 1 : i);
        }
    }

    /** A listing script that applies when the query has {@code parameter} (lower-cased) equal to {@code value}. */
    private record ListWhere(String parameter, String value, Sequence<ScriptedAnswer> answers) {
    }

    private final ConcurrentHashMap<UUID, Sequence<ScriptedAnswer>> resumeOf = new ConcurrentHashMap<>();
    private volatile Sequence<ScriptedAnswer> everyResume;
    private volatile Duration resumeDelay = Duration.ZERO;
    private volatile Duration tokenDelay = Duration.ZERO;
    private volatile Sequence<ScriptedAnswer> list;
    private final CopyOnWriteArrayList<ListWhere> listWhere = new CopyOnWriteArrayList<>();
    private volatile Sequence<TokenAnswer> tokens;

    SandboxScript() {
    }

    /** The resume calls of this report take these answers in turn, the last repeating. */
    public SandboxScript answerResume(UUID reportId, ScriptedAnswer first, ScriptedAnswer... then) {
        resumeOf.put(Objects.requireNonNull(reportId, "reportId"), Sequence.of(first, then));
        return this;
    }

    /** The first {@code times} resume calls of this report answer {@code first}, every later one {@code then}. */
    public SandboxScript answerResumeFirst(UUID reportId, int times, ScriptedAnswer first, ScriptedAnswer then) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
        List<ScriptedAnswer> answers = new ArrayList<>(Collections.nCopies(times, Objects.requireNonNull(first, "first")));
        answers.add(then);
        resumeOf.put(Objects.requireNonNull(reportId, "reportId"), new Sequence<>(answers));
        return this;
    }

    /** Resume calls of reports without a script of their own take these answers in turn, the last repeating. */
    public SandboxScript answerEveryResume(ScriptedAnswer first, ScriptedAnswer... then) {
        everyResume = Sequence.of(first, then);
        return this;
    }

    /**
     * Every resume call waits this long before its answer is sent, unless its scripted answer has a delay of its
     * own; on top of the options' latency. {@code Duration.ZERO} (the default) for none.
     */
    public SandboxScript delayEveryResume(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        resumeDelay = delay;
        return this;
    }

    /**
     * Every token request waits this long before it is answered (a slow Entra ID), whatever its answer.
     * {@code Duration.ZERO} (the default) for none.
     */
    public SandboxScript delayTokenRequests(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        tokenDelay = delay;
        return this;
    }

    /** {@code GET …/ScheduledReport} calls take these answers in turn, the last repeating, whatever their query. */
    public SandboxScript answerList(ScriptedAnswer first, ScriptedAnswer... then) {
        list = Sequence.of(first, then);
        return this;
    }

    /**
     * {@code GET …/ScheduledReport} calls whose query has this parameter (name in any case) with this value
     * (URL-decoded, exact) take these answers in turn; e.g. the second page of a listing, by its continuation token.
     */
    public SandboxScript answerListWhere(String queryParameter, String value, ScriptedAnswer first,
            ScriptedAnswer... then) {
        String name = queryParameter.toLowerCase(Locale.ROOT);
        listWhere.removeIf(w -> w.parameter().equals(name) && w.value().equals(value));
        listWhere.add(new ListWhere(name, Objects.requireNonNull(value, "value"), Sequence.of(first, then)));
        return this;
    }

    /** Requests to either token endpoint take these answers in turn, the last repeating. */
    public SandboxScript answerTokenRequests(TokenAnswer first, TokenAnswer... then) {
        tokens = Sequence.of(first, then);
        return this;
    }

    /** Removes every script and the default delays: the sandbox answers as usual again. */
    public SandboxScript clear() {
        resumeOf.clear();
        everyResume = null;
        resumeDelay = Duration.ZERO;
        tokenDelay = Duration.ZERO;
        list = null;
        listWhere.clear();
        tokens = null;
        return this;
    }

    /** The next scripted answer for a call on this route, or null when none is scripted. */
    ScriptedAnswer next(ApiRoute.Kind kind, UUID reportId, String rawQuery) {
        Sequence<ScriptedAnswer> sequence = null;
        if (kind == ApiRoute.Kind.RESUME) {
            sequence = reportId != null ? resumeOf.get(reportId) : null;
            if (sequence == null) {
                sequence = everyResume;
            }
        } else if (kind == ApiRoute.Kind.LIST) {
            sequence = list;
            if (!listWhere.isEmpty()) {
                Map<String, String> query = Forms.parse(rawQuery);
                for (ListWhere w : listWhere) {
                    if (w.value().equals(query.get(w.parameter()))) {
                        sequence = w.answers();
                        break;
                    }
                }
            }
        }
        return sequence == null ? null : sequence.next();
    }

    /** The next scripted token answer, or null when none is scripted. */
    TokenAnswer nextTokenAnswer() {
        Sequence<TokenAnswer> sequence = tokens;
        return sequence == null ? null : sequence.next();
    }

    /** The default delay of resume calls. */
    Duration tokenDelay() {
        return tokenDelay;
    }

    Duration resumeDelay() {
        return resumeDelay;
    }
}
