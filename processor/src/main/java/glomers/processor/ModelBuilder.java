package glomers.processor;

import com.palantir.javapoet.ClassName;
import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.JsonName;
import glomers.annotations.Message;
import glomers.processor.JsonType.Many;
import glomers.processor.JsonType.MapOf;
import glomers.processor.JsonType.Nested;
import glomers.processor.JsonType.Primitive;
import glomers.processor.JsonType.Raw;
import glomers.processor.JsonType.Scalar;
import glomers.processor.JsonType.Text;
import glomers.processor.Model.Component;
import glomers.processor.Model.Extra;
import glomers.processor.Model.Handler;
import glomers.processor.Model.RecordShape;
import glomers.processor.Model.Reply;
import glomers.processor.Model.Timer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Validates one {@code @Solution} class and builds its {@link Model.Solution}. Problems become
 * {@link Problem}s on the offending element rather than exceptions, so one compile reports them
 * all.
 */
final class ModelBuilder {
  static final String NODE = "glomers.runtime.Node";
  static final String REQUEST = "glomers.runtime.Request";
  static final String RAW_JSON = "glomers.runtime.RawJson";
  static final Set<String> RESERVED = Set.of("type", "msg_id", "in_reply_to");
  static final String SUPPORTED =
      "supported types are boolean, int, long, double and their boxes, String, RawJson,"
          + " List<T>, Set<T>, Map<String, T> and records, nested freely";

  /** A type the compiler could not resolve yet; another round (or javac itself) will tell. */
  static final class Deferred extends Exception {
    Deferred() {
      super(null, null, false, false);
    }
  }

  record Problem(Element element, String message) {}

  /** The built model (null if invalid), the problems found, and wire types the handlers imply. */
  record Result(Model.Solution solution, List<Problem> problems, Map<String, String> inferred) {}

  private final TypeElement type;
  private final List<TypeElement> packageMessages;
  private final List<Problem> problems = new ArrayList<>();
  /** Wire types of records that have no @Message, taken from the handler receiving them. */
  private final Map<String, String> inferred = new LinkedHashMap<>();
  private final Map<String, RecordShape> shapes = new LinkedHashMap<>();
  private final Deque<TypeElement> pending = new ArrayDeque<>();

  private ModelBuilder(TypeElement type, List<TypeElement> packageMessages) {
    this.type = type;
    this.packageMessages = packageMessages;
  }

  /**
   * @param packageMessages {@code @Message} records outside any solution class but in its package,
   *     which the solution may send without naming them in a handler
   */
  static Result build(TypeElement type, String name, List<TypeElement> packageMessages)
      throws Deferred {
    ModelBuilder builder = new ModelBuilder(type, packageMessages);
    Model.Solution solution = builder.solution(name);
    return new Result(
        builder.problems.isEmpty() ? solution : null, builder.problems, builder.inferred);
  }

  private void error(Element element, String message) {
    problems.add(new Problem(element, message));
  }

  private Model.Solution solution(String name) throws Deferred {
    if (type.getKind() != ElementKind.CLASS) {
      error(type, "@Solution goes on a class, but " + type.getSimpleName() + " is "
          + kindName(type.getKind()));
      return null;
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      error(type, "@Solution class " + type.getSimpleName()
          + " must not be abstract: the generated dispatcher creates an instance");
    }
    if (!type.getTypeParameters().isEmpty()) {
      error(type, "@Solution class " + type.getSimpleName() + " must not be generic");
    }
    if (type.getNestingKind().isNested() && !type.getModifiers().contains(Modifier.STATIC)) {
      error(type, "@Solution class " + type.getSimpleName()
          + " is an inner class; make it static so the dispatcher can create it");
    }
    checkAccessible(type, "@Solution class " + type.getSimpleName());
    Boolean takesNode = constructor();

    // Every @Message record the solution declares can be sent, so each needs a codec.
    List<TypeElement> roots = new ArrayList<>();
    collectNestedMessages(type, roots);
    roots.addAll(packageMessages);
    for (TypeElement record : roots) {
      shape(record);
    }
    List<Handler> handlers = new ArrayList<>();
    Map<String, ExecutableElement> byType = new HashMap<>();
    List<Timer> timers = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Handles handles = method.getAnnotation(Handles.class);
      String wireType = handles == null ? null : wireType(method, handles);
      if (wireType != null) {
        ExecutableElement previous = byType.putIfAbsent(wireType, method);
        if (previous != null) {
          error(method, "@Handles(\"" + wireType + "\") appears twice in "
              + type.getSimpleName() + ": methods " + previous.getSimpleName() + " and "
              + method.getSimpleName() + "; one message type needs exactly one handler");
          continue;
        }
        Handler handler = handler(method, wireType);
        if (handler != null) {
          handlers.add(handler);
        }
      }
      Every every = method.getAnnotation(Every.class);
      if (every != null) {
        Timer timer = timer(method, every.millis());
        if (timer != null) {
          timers.add(timer);
        }
      }
    }
    drain();
    checkReservedNames();
    return takesNode == null
        ? null
        : new Model.Solution(
            type,
            name,
            ClassName.get(type),
            takesNode,
            handlers,
            timers,
            shapes.values().stream().filter(Objects::nonNull).toList());
  }

  /** True: takes a Node; false: no arguments; null: none usable (reported). */
  private Boolean constructor() {
    boolean noArgs = false;
    for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (c.getModifiers().contains(Modifier.PRIVATE)) {
        continue;
      }
      List<? extends VariableElement> params = c.getParameters();
      if (params.size() == 1 && isNamed(params.get(0).asType(), NODE)) {
        return true;
      }
      noArgs |= params.isEmpty();
    }
    if (noArgs) {
      return false;
    }
    error(type, "@Solution class " + type.getSimpleName()
        + " needs a non-private constructor that takes no arguments or a single "
        + "glomers.runtime.Node");
    return null;
  }

  /**
   * The type a handler receives: {@code @Handles("type")}, or bare {@code @Handles} on a method
   * whose first parameter is a {@code @Message} record. Null if there is none (reported).
   */
  private String wireType(ExecutableElement method, Handles handles) throws Deferred {
    if (!handles.value().isEmpty()) {
      return handles.value();
    }
    List<? extends VariableElement> params = method.getParameters();
    for (VariableElement p : params) {
      deferIfError(p.asType());
    }
    TypeElement record = params.isEmpty() ? null : asRecord(params.get(0).asType());
    Message message = record == null ? null : record.getAnnotation(Message.class);
    if (message == null) {
      String misplaced = recordNotFirst(method);
      error(method, misplaced != null ? misplaced : "@Handles method " + method.getSimpleName()
          + " names no type and its first parameter is not a @Message record; write"
          + " @Handles(\"type\") or annotate the record with @Message(\"type\")");
      return null;
    }
    return message.value();
  }

  /**
   * The error for a handler whose first parameter is not the record but a {@code Node} or {@code
   * Request}, or anything followed by a record; null if the parameters are not in that wrong order.
   * Without it, an annotated record in second place drew the advice to annotate it.
   */
  private static String recordNotFirst(ExecutableElement method) {
    List<? extends VariableElement> params = method.getParameters();
    if (params.isEmpty() || asRecord(params.get(0).asType()) != null) {
      return null;
    }
    VariableElement record = null;
    for (VariableElement p : params.subList(1, params.size())) {
      if (asRecord(p.asType()) != null) {
        record = p;
        break;
      }
    }
    TypeMirror first = params.get(0).asType();
    String what = "@Handles method " + method.getSimpleName();
    if (record == null) {
      return isNamed(first, NODE) || isNamed(first, REQUEST)
          ? what + " takes no message record: its first parameter must be the record, then"
              + " optionally Node and Request"
          : null;
    }
    List<String> reordered = new ArrayList<>();
    reordered.add(simpleName(record.asType()) + " " + record.getSimpleName());
    for (VariableElement p : params) {
      if (p != record) {
        reordered.add(simpleName(p.asType()) + " " + p.getSimpleName());
      }
    }
    return what + " takes its message record " + simpleName(record.asType()) + " after "
        + params.get(0).getSimpleName() + "; the record must be the first parameter, then"
        + " optionally Node and Request: " + method.getSimpleName() + "(" + String.join(", ", reordered) + ")";
  }

  private static String simpleName(TypeMirror t) {
    return t.getKind() == TypeKind.DECLARED && ((DeclaredType) t).getTypeArguments().isEmpty()
        ? ((DeclaredType) t).asElement().getSimpleName().toString()
        : t.toString();
  }

  private Handler handler(ExecutableElement method, String wireType) throws Deferred {
    String what = "@Handles method " + method.getSimpleName();
    boolean ok = checkCallable(method, "@Handles", true);
    List<? extends VariableElement> params = method.getParameters();
    for (VariableElement p : params) {
      deferIfError(p.asType());
    }
    deferIfError(method.getReturnType());
    if (params.isEmpty()) {
      error(method, what + ": first parameter must be the message record; found no parameters");
      return null;
    }
    TypeMirror first = params.get(0).asType();
    TypeElement record = asRecord(first);
    if (record == null) {
      String misplaced = recordNotFirst(method);
      error(params.get(0), misplaced != null ? misplaced : what + ": first parameter must be a record"
          + " annotated with @Message or used only here; found " + first);
      return null;
    }
    Message message = record.getAnnotation(Message.class);
    if (message != null && !message.value().equals(wireType)) {
      error(method, what + " handles \"" + wireType + "\" but takes " + record.getSimpleName()
          + ", which is @Message(\"" + message.value() + "\"); make the two types match");
      ok = false;
    } else if (message == null) {
      String earlier = inferred.putIfAbsent(record.getQualifiedName().toString(), wireType);
      if (earlier != null && !earlier.equals(wireType)) {
        error(method, what + " handles \"" + wireType + "\" but " + record.getSimpleName()
            + " is already received as \"" + earlier + "\"; give it a @Message type or use two records");
        ok = false;
      }
    }
    List<Extra> extras = new ArrayList<>();
    for (VariableElement p : params.subList(1, params.size())) {
      Extra extra = isNamed(p.asType(), NODE) ? Extra.NODE
          : isNamed(p.asType(), REQUEST) ? Extra.REQUEST
          : null;
      if (extra == null || extras.contains(extra)) {
        error(p, what + ": parameter " + p.getSimpleName() + " has type " + p.asType()
            + "; after the record only a glomers.runtime.Node and a glomers.runtime.Request"
            + " may follow, each at most once");
        ok = false;
      } else {
        extras.add(extra);
      }
    }
    RecordShape shape = shape(record);
    Reply reply = reply(method, what);
    if (!ok || reply == null || shape == null) {
      return null;
    }
    return new Handler(wireType, method.getSimpleName().toString(), shape, extras, reply);
  }

  private Reply reply(ExecutableElement method, String what) throws Deferred {
    TypeMirror returns = method.getReturnType();
    if (returns.getKind() == TypeKind.VOID) {
      return Reply.NONE;
    }
    TypeElement record = asRecord(returns);
    Reply reply = Reply.RECORD;
    if (record == null && returns.getKind() == TypeKind.DECLARED
        && (isNamed(returns, "java.util.concurrent.CompletionStage")
            || isNamed(returns, "java.util.concurrent.CompletableFuture"))) {
      List<? extends TypeMirror> args = ((DeclaredType) returns).getTypeArguments();
      record = args.size() == 1 ? asRecord(args.get(0)) : null;
      reply = Reply.STAGE;
    }
    if (record == null) {
      error(method, what + " returns " + returns + "; a handler returns its reply record,"
          + " a CompletionStage of the reply record, or void");
      return null;
    }
    if (record.getAnnotation(Message.class) == null) {
      error(method, what + " replies with " + record.getSimpleName()
          + ", which has no @Message; add e.g. @Message(\"" + "..._ok\") so the reply has a type");
      return null;
    }
    return shape(record) == null ? null : reply;
  }

  private Timer timer(ExecutableElement method, long millis) throws Deferred {
    String what = "@Every method " + method.getSimpleName();
    boolean ok = checkCallable(method, "@Every", false);
    if (millis <= 0) {
      error(method, what + ": millis must be positive, found " + millis);
      ok = false;
    }
    for (VariableElement p : method.getParameters()) {
      deferIfError(p.asType());
    }
    List<? extends VariableElement> params = method.getParameters();
    boolean takesNode = params.size() == 1 && isNamed(params.get(0).asType(), NODE);
    if (!params.isEmpty() && !takesNode) {
      error(method, what + " must take no parameters or a single glomers.runtime.Node");
      ok = false;
    }
    if (method.getReturnType().getKind() != TypeKind.VOID) {
      error(method, what + " must return void; found " + method.getReturnType());
      ok = false;
    }
    return ok ? new Timer(method.getSimpleName().toString(), millis, takesNode) : null;
  }

  /** The generated dispatcher calls the method directly, so it must be visible and per-instance. */
  private boolean checkCallable(ExecutableElement method, String annotation, boolean mayThrowIo) {
    String what = annotation + " method " + method.getSimpleName();
    boolean ok = true;
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      error(method, what + " must not be private: the generated dispatcher calls it");
      ok = false;
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      error(method, what + " must not be static: it runs on the solution instance");
      ok = false;
    }
    if (!method.getTypeParameters().isEmpty()) {
      error(method, what + " must not be generic");
      ok = false;
    }
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (isChecked(thrown) && !(mayThrowIo && isSubtypeNamed(thrown, "java.io.IOException"))) {
        error(method, what + " declares checked exception " + thrown + "; "
            + (mayThrowIo ? "only IOException and unchecked exceptions (like RpcError) may escape"
                : "timer tasks cannot throw checked exceptions"));
        ok = false;
      }
    }
    return ok;
  }

  private void collectNestedMessages(TypeElement owner, List<TypeElement> out) {
    for (TypeElement nested : ElementFilter.typesIn(owner.getEnclosedElements())) {
      if (nested.getKind() == ElementKind.RECORD && nested.getAnnotation(Message.class) != null) {
        out.add(nested);
      }
      collectNestedMessages(nested, out);
    }
  }

  /** The record's shape, or null if it is invalid (reported). Nested records are queued. */
  private RecordShape shape(TypeElement record) throws Deferred {
    String key = record.getQualifiedName().toString();
    if (shapes.containsKey(key)) {
      return shapes.get(key);
    }
    shapes.put(key, null); // guards recursion through self-referencing records
    boolean ok = checkAccessible(record, "record " + record.getSimpleName());
    if (!record.getTypeParameters().isEmpty()) {
      error(record, "record " + record.getSimpleName()
          + " must not be generic: its codec needs concrete component types");
      ok = false;
    }
    List<Component> components = new ArrayList<>();
    Map<String, RecordComponentElement> byJson = new HashMap<>();
    for (RecordComponentElement c : record.getRecordComponents()) {
      JsonType t = jsonType(c.asType(), c, record);
      JsonName rename = c.getAnnotation(JsonName.class);
      String json = rename != null ? rename.value() : Names.snakeCase(c.getSimpleName().toString());
      RecordComponentElement clash = byJson.putIfAbsent(json, c);
      if (clash != null) {
        error(c, "components " + clash.getSimpleName() + " and " + c.getSimpleName() + " of record "
            + record.getSimpleName() + " both map to JSON field '" + json + "'; rename one with @JsonName");
        ok = false;
      }
      if (t == null) {
        ok = false;
      } else {
        components.add(new Component(c.getSimpleName().toString(), json, t));
      }
    }
    RecordShape shape = ok ? new RecordShape(record, ClassName.get(record), components) : null;
    shapes.put(key, shape);
    return shape;
  }

  /** Records sent on the wire share the body with Maelstrom's own keys. */
  private void checkReservedNames() {
    for (RecordShape shape : shapes.values()) {
      if (shape == null
          || (shape.element().getAnnotation(Message.class) == null
              && !inferred.containsKey(shape.element().getQualifiedName().toString()))) {
        continue;
      }
      for (RecordComponentElement c : shape.element().getRecordComponents()) {
        String json = shape.components().stream()
            .filter(m -> m.accessor().contentEquals(c.getSimpleName()))
            .findFirst()
            .map(Component::jsonName)
            .orElse("");
        if (RESERVED.contains(json)) {
          error(c, "component " + c.getSimpleName() + " of message record "
              + shape.element().getSimpleName() + " maps to JSON field '" + json
              + "', which Maelstrom reserves (type, msg_id, in_reply_to); rename it with @JsonName");
        }
      }
    }
  }

  private void drain() throws Deferred {
    while (!pending.isEmpty()) {
      shape(pending.poll());
    }
  }

  /** Maps a component type, or reports it on {@code component} and returns null. */
  private JsonType jsonType(TypeMirror declared, RecordComponentElement component, TypeElement record)
      throws Deferred {
    deferIfError(declared);
    String problem = unsupported(declared);
    if (problem == null) {
      return map(declared);
    }
    error(component, "component " + component.getSimpleName() + " of record "
        + record.getSimpleName() + " has type " + declared + ", " + problem + "; " + SUPPORTED);
    return null;
  }

  /** Why a type cannot be mapped, or null if it can. */
  private String unsupported(TypeMirror t) {
    switch (t.getKind()) {
      case BOOLEAN, INT, LONG, DOUBLE:
        return null;
      case DECLARED:
        break;
      default:
        return "which is not supported" + (t.getKind().isPrimitive() ? " (use int, long or double)" : "");
    }
    DeclaredType declared = (DeclaredType) t;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    List<? extends TypeMirror> args = declared.getTypeArguments();
    switch (name) {
      case "java.lang.Boolean", "java.lang.Integer", "java.lang.Long", "java.lang.Double",
          "java.lang.String", RAW_JSON:
        return null;
      case "java.util.List", "java.util.Set":
        if (args.size() != 1 || args.get(0).getKind() != TypeKind.DECLARED) {
          return "which needs a concrete element type (no raw types or wildcards)";
        }
        return unsupported(args.get(0));
      case "java.util.Map":
        if (args.size() != 2 || args.get(1).getKind() != TypeKind.DECLARED) {
          return "which needs concrete type arguments (no raw types or wildcards)";
        }
        if (!isNamed(args.get(0), "java.lang.String")) {
          return "but JSON object keys are strings, so a Map needs String keys";
        }
        return unsupported(args.get(1));
      default:
        if (element.getKind() == ElementKind.RECORD) {
          return element.getTypeParameters().isEmpty()
              ? null
              : "but generic records are not supported";
        }
        return "and " + element.getSimpleName() + " is not supported";
    }
  }

  private JsonType map(TypeMirror t) {
    switch (t.getKind()) {
      case BOOLEAN:
        return new Primitive(Scalar.BOOLEAN, false);
      case INT:
        return new Primitive(Scalar.INT, false);
      case LONG:
        return new Primitive(Scalar.LONG, false);
      case DOUBLE:
        return new Primitive(Scalar.DOUBLE, false);
      default:
        break;
    }
    DeclaredType declared = (DeclaredType) t;
    TypeElement element = (TypeElement) declared.asElement();
    List<? extends TypeMirror> args = declared.getTypeArguments();
    return switch (element.getQualifiedName().toString()) {
      case "java.lang.Boolean" -> new Primitive(Scalar.BOOLEAN, true);
      case "java.lang.Integer" -> new Primitive(Scalar.INT, true);
      case "java.lang.Long" -> new Primitive(Scalar.LONG, true);
      case "java.lang.Double" -> new Primitive(Scalar.DOUBLE, true);
      case "java.lang.String" -> new Text();
      case RAW_JSON -> new Raw();
      case "java.util.List" -> new Many(map(args.get(0)), false);
      case "java.util.Set" -> new Many(map(args.get(0)), true);
      case "java.util.Map" -> new MapOf(map(args.get(1)));
      default -> {
        pending.add(element);
        ClassName record = ClassName.get(element);
        yield new Nested(record, Names.codecName(record));
      }
    };
  }

  /** Generated code lives in the same package, so nothing on the way may be private. */
  private boolean checkAccessible(TypeElement element, String what) {
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        error(element, what + (e == element ? " is private" : " is inside private " + e.getSimpleName())
            + "; generated code in the same package must be able to use it");
        return false;
      }
      Element outer = e.getEnclosingElement();
      if (!(outer instanceof TypeElement) && outer.getKind() != ElementKind.PACKAGE) {
        error(element, what + " is declared inside a method; generated code cannot reach it");
        return false;
      }
    }
    return true;
  }

  private static TypeElement asRecord(TypeMirror t) {
    if (t.getKind() == TypeKind.DECLARED
        && ((DeclaredType) t).asElement() instanceof TypeElement e
        && e.getKind() == ElementKind.RECORD
        && !e.getQualifiedName().contentEquals(RAW_JSON)
        && !e.getQualifiedName().contentEquals(REQUEST)) {
      return e;
    }
    return null;
  }

  static boolean isNamed(TypeMirror t, String qualifiedName) {
    return t.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().contentEquals(qualifiedName);
  }

  private static boolean isSubtypeNamed(TypeMirror t, String qualifiedName) {
    for (TypeMirror s = t; s.getKind() == TypeKind.DECLARED; ) {
      if (isNamed(s, qualifiedName)) {
        return true;
      }
      s = ((TypeElement) ((DeclaredType) s).asElement()).getSuperclass();
    }
    return false;
  }

  private static boolean isChecked(TypeMirror thrown) {
    return !isSubtypeNamed(thrown, "java.lang.RuntimeException")
        && !isSubtypeNamed(thrown, "java.lang.Error");
  }

  private static void deferIfError(TypeMirror t) throws Deferred {
    if (t.getKind() == TypeKind.ERROR) {
      throw new Deferred();
    }
    if (t instanceof DeclaredType d) {
      for (TypeMirror arg : d.getTypeArguments()) {
        deferIfError(arg);
      }
    }
  }

  static String kindName(ElementKind kind) {
    return switch (kind) {
      case INTERFACE -> "an interface";
      case ENUM -> "an enum";
      case RECORD -> "a record";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> "a " + kind.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
