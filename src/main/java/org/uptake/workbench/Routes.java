package org.uptake.workbench;

import akka.NotUsed;
import akka.http.javadsl.marshallers.jackson.Jackson;
import akka.http.javadsl.marshalling.sse.EventStreamMarshalling;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpMethods;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.RawHeader;
import akka.http.javadsl.model.sse.ServerSentEvent;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.ExceptionHandler;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.MalformedRequestContentRejection;
import akka.http.javadsl.server.RejectionHandler;
import akka.http.javadsl.server.Route;
import akka.http.javadsl.unmarshalling.Unmarshaller;
import akka.http.scaladsl.model.EntityStreamSizeException;
import akka.stream.javadsl.Source;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.uptake.BadInput;

/**
 * The workbench's HTTP interface: the page and its libraries (from the jar, no network), a JSON API under /api, and
 * each run's weeks as server-sent events whose id is the week, so a page that reconnects resumes where it was.
 * Every /api request needs the server's token: in the X-Uptake-Token header, or, for a GET (an event stream or a
 * download, which a browser cannot give headers), as ?token=. Requests that change anything take it only in the
 * header, which another site's page cannot set, so they cannot be forged from a page elsewhere.
 */
public final class Routes extends AllDirectives {
  /** Requests that change something carry small JSON bodies; anything larger is refused with 413. */
  static final long MAX_BODY = 64 * 1024;
  /** An org chart or ties file: a 100,000-person organisation's fits. */
  static final long MAX_UPLOAD = 32L * 1024 * 1024;
  private static final Duration POLL = Duration.ofMillis(40);
  static final ObjectMapper JSON = new ObjectMapper()
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

  private final Workbench bench;
  private final byte[] token;

  public Routes(Workbench bench, String token) {
    this.bench = bench;
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  public Route route() {
    return respondWithHeader(RawHeader.create("Content-Security-Policy",
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"), () -> concat(
        pathSingleSlash(() -> getFromResource("workbench/index.html", ContentTypes.TEXT_HTML_UTF8)),
        pathPrefix("static", () -> getFromResourceDirectory("workbench")),
        pathPrefix("webjars", () -> getFromResourceDirectory("META-INF/resources/webjars")),
        pathPrefix("api", () -> handleExceptions(errors(), () -> handleRejections(rejections(), () ->
            authorised(this::api))))));
  }

  private ExceptionHandler errors() {
    return ExceptionHandler.newBuilder()
        .match(Setup.Refused.class, e -> complete(StatusCodes.BAD_REQUEST, Map.of("error", e.getMessage(),
            "problems", e.problems()), Jackson.marshaller(JSON)))
        .match(EntityStreamSizeException.class, e -> tooLarge())
        .match(BadInput.class, e -> complete(StatusCodes.BAD_REQUEST, error(e.getMessage()), Jackson.marshaller(JSON)))
        .build();
  }

  /** A body too large for its limit, or not JSON, said in words rather than the server's defaults. */
  private RejectionHandler rejections() {
    return RejectionHandler.newBuilder()
        .handle(MalformedRequestContentRejection.class, r -> r.getCause() instanceof EntityStreamSizeException
            ? tooLarge() : complete(StatusCodes.BAD_REQUEST, error("the request's body is not what was expected: "
                + r.message()), Jackson.marshaller(JSON)))
        .build();
  }

  private Route tooLarge() {
    return complete(StatusCodes.PAYLOAD_TOO_LARGE, error("too large: the workbench takes requests of up to "
        + MAX_BODY / 1024 + " KB and uploads of up to " + MAX_UPLOAD / (1024 * 1024) + " MB"),
        Jackson.marshaller(JSON));
  }

  private static Map<String, String> error(String message) {
    return Map.of("error", message);
  }

  private Route authorised(Supplier<Route> inner) {
    return extractMethod(method -> optionalHeaderValueByName("X-Uptake-Token", header ->
        parameterOptional("token", query -> {
          Optional<String> given = header.isPresent() || !method.equals(HttpMethods.GET) ? header : query;
          if (given.isEmpty() || !MessageDigest.isEqual(token, given.get().getBytes(StandardCharsets.UTF_8))) {
            return complete(StatusCodes.UNAUTHORIZED, error("this workbench needs its token: open the address "
                + "`uptake serve` printed (it ends in ?token=...)"), Jackson.marshaller(JSON));
          }
          return inner.get();
        })));
  }

  private Route api() {
    return concat(
        path("scenarios", () -> get(() -> completeOK(bench.scenarios(), Jackson.marshaller(JSON)))),
        path("help", () -> get(() -> completeOK(Map.of("levers", Setup.LEVERS, "kinds", Setup.KINDS),
            Jackson.marshaller(JSON)))),
        pathPrefix("setup", () -> concat(
            pathEnd(() -> get(() -> parameter("scenario", file ->
                completeOK(bench.setup().open(file), Jackson.marshaller(JSON))))),
            path("check", () -> post(() -> json(body ->
                completeOK(bench.setup().check(Setup.draft(body.get("draft"))), Jackson.marshaller(JSON))))),
            path("save", () -> post(() -> json(body -> {
              String file = bench.setup().save(Setup.draft(body.get("draft")), text(body, "name"));
              return completeOK(Map.of("file", file), Jackson.marshaller(JSON));
            }))))),
        path(PathMatchers.segment("uploads").slash(PathMatchers.segment()), kind -> post(() ->
            parameterOptional("name", name -> withSizeLimit(MAX_UPLOAD, () ->
                entity(Unmarshaller.entityToByteString(), bytes -> complete(StatusCodes.CREATED,
                    bench.setup().upload(kind, name.orElse(null), bytes.toArray()), Jackson.marshaller(JSON))))))),
        pathPrefix("comparisons", () -> concat(
            pathEnd(() -> get(() -> completeOK(bench.comparisons(), Jackson.marshaller(JSON)))),
            pathEnd(() -> post(() -> withSizeLimit(MAX_BODY, () -> entity(Jackson.unmarshaller(JSON, JsonNode.class),
                body -> {
                  JsonNode files = body.get("scenarios");
                  if (files == null || !files.isArray()) throw new BadInput("Scenarios: expected a list of scenarios");
                  List<String> names = new ArrayList<>();
                  files.forEach(f -> names.add(f.asText()));
                  Integer seeds = whole(body, "seeds");
                  String id = bench.compare(names, seeds == null ? 5 : seeds);
                  return complete(StatusCodes.ACCEPTED, Map.of("id", id), Jackson.marshaller(JSON));
                })))),
            path(PathMatchers.segment(), id -> get(() ->
                completeOK(bench.comparison(id).state(), Jackson.marshaller(JSON)))),
            path(PathMatchers.segment().slash("resume"), id -> post(() -> {
              bench.resumeComparison(id);
              return complete(StatusCodes.ACCEPTED, Map.of("id", id), Jackson.marshaller(JSON));
            })))),
        pathPrefix("runs", () -> concat(
            pathEnd(() -> concat(
                get(() -> completeOK(bench.runs(), Jackson.marshaller(JSON))),
                post(() -> withSizeLimit(MAX_BODY, () -> entity(Jackson.unmarshaller(JSON, JsonNode.class), body -> {
                  String id = bench.start(text(body, "scenario"), number(body, "seed"), whole(body, "ticks"));
                  return complete(StatusCodes.ACCEPTED, Map.of("runId", id), Jackson.marshaller(JSON));
                }))))),
            pathPrefix(PathMatchers.segment(), id -> concat(
                pathEnd(() -> get(() -> completeOK(bench.detail(id), Jackson.marshaller(JSON)))),
                path("branch", () -> post(() -> withSizeLimit(MAX_BODY, () ->
                    entity(Jackson.unmarshaller(JSON, JsonNode.class), body -> {
                      Integer tick = whole(body, "tick");
                      if (tick == null) throw new BadInput("Week: choose a week on the curve to branch at");
                      String child = bench.branch(id, tick, text(body, "kind"), text(body, "by"),
                          body.hasNonNull("level") ? body.get("level").asDouble() : null);
                      return complete(StatusCodes.ACCEPTED, Map.of("runId", child), Jackson.marshaller(JSON));
                    })))),
                path(PathMatchers.segment("departments").slash(PathMatchers.segment()), name -> get(() ->
                    completeOK(bench.story(id, name), Jackson.marshaller(JSON)))),
                path(PathMatchers.segment("people").slash(PathMatchers.segment()), who -> get(() ->
                    completeOK(bench.person(id, who), Jackson.marshaller(JSON)))),
                path("network", () -> get(() -> completeOK(bench.network(id), Jackson.marshaller(JSON)))),
                path("events", () -> get(() -> optionalHeaderValueByName("Last-Event-ID", last -> {
                  LiveRun run = bench.follow(id);
                  int from = last.map(Routes::afterEvent).orElse(0);
                  return completeOK(events(run, from), EventStreamMarshalling.toEventStream());
                }))),
                path("cancel", () -> post(() -> bench.cancel(id)
                    ? complete(StatusCodes.ACCEPTED, Map.of("runId", id), Jackson.marshaller(JSON))
                    : complete(StatusCodes.CONFLICT, error("run " + id + " is not going"), Jackson.marshaller(JSON)))),
                path("resume", () -> post(() -> {
                  bench.resume(id);
                  return complete(StatusCodes.ACCEPTED, Map.of("runId", id), Jackson.marshaller(JSON));
                })),
                path(PathMatchers.segment("files").slash(PathMatchers.segment()), name -> get(() ->
                    download(bench.output(id, name), id + "-" + name))))))),
        pathPrefix("studies", () -> concat(
            pathEnd(() -> get(() -> completeOK(bench.studies().list(), Jackson.marshaller(JSON)))),
            pathPrefix(PathMatchers.segment(), kind -> pathPrefix(PathMatchers.segment(), id ->
                path(PathMatchers.segment("files").slash(PathMatchers.segment()), name -> get(() ->
                    download(bench.studies().file(kind, id, name), kind + "-" + id + "-" + name))))))));
  }

  /** A file for the browser: a report opens in it, the data files are saved under {@code saveAs}. */
  private Route download(java.nio.file.Path file, String saveAs) {
    String name = file.getFileName().toString();
    String disposition = name.endsWith(".html") ? "inline" : "attachment";
    return respondWithHeader(RawHeader.create("Content-Disposition", disposition + "; filename=\"" + saveAs + "\""),
        () -> getFromFile(file.toFile(), contentType(name)));
  }

  private static akka.http.javadsl.model.ContentType contentType(String name) {
    if (name.endsWith(".html")) return ContentTypes.TEXT_HTML_UTF8;
    if (name.endsWith(".csv")) return ContentTypes.create(akka.http.javadsl.model.MediaTypes.TEXT_CSV,
        akka.http.javadsl.model.HttpCharsets.UTF_8);
    if (name.endsWith(".json")) return ContentTypes.APPLICATION_JSON;
    // JSON Lines has no registered type of its own.
    return ContentTypes.TEXT_PLAIN_UTF8;
  }

  private Route json(java.util.function.Function<JsonNode, Route> inner) {
    return withSizeLimit(MAX_BODY, () -> entity(Jackson.unmarshaller(JSON, JsonNode.class), inner));
  }

  private static int afterEvent(String id) {
    try {
      return Integer.parseInt(id.strip()) + 1;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * First a "run" event (its length, unit and departments; no id, so a reconnection keeps its place), then the
   * run's weeks as they come ("week" events, id = the week), then one "end" event with its status and, once
   * finished, every week as the journal holds it (the curve the page keeps).
   */
  static Source<ServerSentEvent, NotUsed> events(LiveRun run, int from) {
    AtomicInteger seen = new AtomicInteger(from);
    AtomicBoolean done = new AtomicBoolean();
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("runId", run.runId());
    about.put("ticks", run.ticks());
    about.put("unit", run.unit());
    about.put("departments", run.departments());
    return Source.single(ServerSentEvent.create(json(about), "run")).concat(
        Source.tick(Duration.ZERO, POLL, "poll").mapMaterializedValue(c -> NotUsed.getInstance())
        .takeWhile(t -> !done.get())
        .mapConcat(t -> {
          // Whether it ended is read before its points, so no week written before the end is missed.
          boolean ended = run.ended();
          List<ServerSentEvent> out = new ArrayList<>();
          for (Workbench.Point p : run.since(seen.get())) {
            out.add(ServerSentEvent.create(json(p), "week", Integer.toString(p.tick())));
            seen.incrementAndGet();
          }
          if (ended && run.complete(seen.get())) {
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("runId", run.runId());
            end.put("status", run.status());
            end.put("message", run.message());
            end.put("points", run.status().equals("finished") ? run.since(0) : List.of());
            out.add(ServerSentEvent.create(json(end), "end"));
            done.set(true);
          }
          return out;
        }));
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(JsonNode body, String key) {
    JsonNode v = body.get(key);
    if (v == null || !v.isTextual()) throw new BadInput(key + ": expected a text value");
    return v.asText();
  }

  /**
   * A whole number that fits an int, or null if absent; one beyond an int's range is held at its bound, so the
   * check of its range refuses it rather than seeing it wrapped into range.
   */
  private static Integer whole(JsonNode body, String key) {
    Long v = number(body, key);
    return v == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  private static Long number(JsonNode body, String key) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) return null;
    if (!v.canConvertToLong()) throw new BadInput(key + ": expected a whole number, got " + v);
    return v.asLong();
  }
}
