package glomers.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.processor.Model.RecordShape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Generates, for every {@code @Solution} class, a {@code <Class>_Dispatcher} and a {@code
 * <Record>_Codec} per record it uses, and lists the dispatchers in {@code
 * META-INF/services/glomers.runtime.spi.Dispatcher}.
 */
@AutoService(Processor.class)
public final class GlomersProcessor extends AbstractProcessor {
  static final String SERVICES = "META-INF/services/glomers.runtime.spi.Dispatcher";

  private Filer filer;
  private Messager messager;
  private Elements elements;
  private final CodecGenerator codecs = new CodecGenerator();
  private final DispatcherGenerator dispatchers = new DispatcherGenerator();

  /** Solutions whose types did not resolve yet, retried next round (by name: elements are per round). */
  private final Set<String> deferred = new LinkedHashSet<>();
  private final Map<String, String> solutionNames = new HashMap<>();
  private final Set<String> dispatcherNames = new TreeSet<>();
  private final Set<String> generatedCodecs = new HashSet<>();
  /** Outermost types compiled from source, whose codecs must be (re)generated, never reused. */
  private final Set<String> sourceTypes = new HashSet<>();
  private final Set<String> messageRecords = new LinkedHashSet<>();
  /** Record wire types implied by handlers, for records without @Message. */
  private final Map<String, String> inferred = new HashMap<>();
  private final Set<String> reported = new HashSet<>();

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    filer = env.getFiler();
    messager = env.getMessager();
    elements = env.getElementUtils();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        Solution.class.getName(),
        Message.class.getName(),
        Handles.class.getName(),
        Every.class.getName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /** Runs before each solution is modelled; tests use it to make the processor fail. */
  private final Consumer<TypeElement> beforeModel;
  /** The solution being modelled or generated, named if the processor itself fails. */
  private TypeElement current;

  public GlomersProcessor() {
    this(type -> {});
  }

  GlomersProcessor(Consumer<TypeElement> beforeModel) {
    this.beforeModel = beforeModel;
  }

  /**
   * A bug in the processor must not surface as a javac stack trace that names nothing of the
   * user's code (as AutoServiceProcessor does): it becomes one compile error on the solution being
   * processed, with the trace in the message for the bug report.
   */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    current = null;
    try {
      return processRound(round);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      String where = current == null ? "" : " while processing " + current.getQualifiedName();
      messager.printMessage(Diagnostic.Kind.ERROR, "glomers processor failed" + where + ": " + e
          + "; this is a bug in the processor, please report it with this trace:\n" + trace,
          current);
      return false;
    }
  }

  private boolean processRound(RoundEnvironment round) {
    for (Element root : round.getRootElements()) {
      if (root instanceof TypeElement type) {
        sourceTypes.add(type.getQualifiedName().toString());
      }
    }
    checkPlacement(round);
    if (round.processingOver()) {
      writeServices();
      return false;
    }
    List<TypeElement> solutions = new ArrayList<>();
    for (String name : deferred) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null) {
        solutions.add(type);
      }
    }
    deferred.clear();
    for (Element e : round.getElementsAnnotatedWith(Solution.class)) {
      if (e instanceof TypeElement type) {
        solutions.add(type);
      }
    }
    List<Model.Solution> models = new ArrayList<>();
    for (TypeElement type : solutions) {
      Model.Solution model = model(type);
      if (model != null) {
        models.add(model);
      }
    }
    for (Model.Solution model : models) {
      generate(model);
    }
    return false;
  }

  /** Annotations the solution models never look at, but which would silently do nothing. */
  private void checkPlacement(RoundEnvironment round) {
    for (Element e : round.getElementsAnnotatedWith(Message.class)) {
      if (e.getKind() != ElementKind.RECORD) {
        error(e, "@Message goes on a record, but " + e.getSimpleName() + " is "
            + ModelBuilder.kindName(e.getKind()));
      } else {
        messageRecords.add(((TypeElement) e).getQualifiedName().toString());
      }
    }
    for (Class<? extends java.lang.annotation.Annotation> a : List.of(Handles.class, Every.class)) {
      for (Element method : round.getElementsAnnotatedWith(a)) {
        Element owner = method.getEnclosingElement();
        if (owner.getAnnotation(Solution.class) == null) {
          error(method, "@" + a.getSimpleName() + " method " + method.getSimpleName() + " is in "
              + owner.getSimpleName() + ", which is not a @Solution class; only methods of a"
              + " class annotated with @Solution(\"name\") are called");
        }
      }
    }
  }

  private Model.Solution model(TypeElement type) {
    current = type;
    beforeModel.accept(type);
    String name = type.getAnnotation(Solution.class).value();
    String qualified = type.getQualifiedName().toString();
    ModelBuilder.Result result;
    try {
      result = ModelBuilder.build(type, name, packageMessages(type));
    } catch (ModelBuilder.Deferred unresolved) {
      // javac reports the unresolvable type itself if no later round produces it.
      deferred.add(qualified);
      return null;
    }
    for (ModelBuilder.Problem problem : result.problems()) {
      error(problem.element(), problem.message());
    }
    String other = solutionNames.putIfAbsent(name, qualified);
    if (other != null && !other.equals(qualified)) {
      error(type, "@Solution(\"" + name + "\") is also used by " + other
          + "; solution names pick the node at launch, so they must be unique");
      return null;
    }
    if (result.solution() == null) {
      return null;
    }
    for (Map.Entry<String, String> e : result.inferred().entrySet()) {
      String earlier = inferred.putIfAbsent(e.getKey(), e.getValue());
      if (earlier != null && !earlier.equals(e.getValue())) {
        error(type, "record " + e.getKey() + " has no @Message and is received as both \""
            + earlier + "\" and \"" + e.getValue() + "\"; give it a @Message type");
        return null;
      }
    }
    return result.solution();
  }

  /** @Message records of the solution's package that no other solution class encloses. */
  private List<TypeElement> packageMessages(TypeElement solution) {
    PackageElement pkg = elements.getPackageOf(solution);
    List<TypeElement> out = new ArrayList<>();
    for (String name : messageRecords) {
      TypeElement record = elements.getTypeElement(name);
      if (record == null || !elements.getPackageOf(record).equals(pkg)) {
        continue;
      }
      boolean inSolution = false;
      for (Element e = record.getEnclosingElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
        inSolution |= e.getAnnotation(Solution.class) != null;
      }
      if (!inSolution) {
        out.add(record);
      }
    }
    return out;
  }

  private void generate(Model.Solution model) {
    current = model.element();
    for (RecordShape record : model.records()) {
      String name = record.element().getQualifiedName().toString();
      if (!generatedCodecs.add(name) || reuseCompiledCodec(record)) {
        continue;
      }
      write(codecs.generate(record, wireType(record)), record.element());
    }
    write(dispatchers.generate(model), model.element());
    dispatcherNames.add(Names.dispatcherName(model.className()).reflectionName());
  }

  /** A record from a library jar may come with its codec; generating it again would clash. */
  private boolean reuseCompiledCodec(RecordShape record) {
    ClassName outermost = record.className().topLevelClassName();
    return !sourceTypes.contains(outermost.canonicalName())
        && elements.getTypeElement(record.codec().canonicalName()) != null;
  }

  private String wireType(RecordShape record) {
    Message message = record.element().getAnnotation(Message.class);
    return message != null
        ? message.value()
        : inferred.get(record.element().getQualifiedName().toString());
  }

  private void write(JavaFile file, Element origin) {
    try {
      file.writeTo(filer);
    } catch (IOException e) {
      error(origin, "could not write " + file.packageName() + "." + file.typeSpec().name() + ": " + e);
    }
  }

  /**
   * Merges with the resource an earlier (incremental) compile left behind, keeping entries whose
   * class still exists, so recompiling one solution does not drop the others.
   */
  private void writeServices() {
    if (dispatcherNames.isEmpty()) {
      return;
    }
    Set<String> all = new TreeSet<>(dispatcherNames);
    try {
      FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", SERVICES);
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(existing.openInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          String entry = line.strip();
          if (!entry.isEmpty() && !entry.startsWith("#") && elements.getTypeElement(entry.replace('$', '.')) != null) {
            all.add(entry);
          }
        }
      }
    } catch (IOException | IllegalArgumentException noEarlierFile) {
      // First compile: nothing to merge.
    }
    try {
      FileObject out = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICES);
      try (Writer writer = out.openWriter()) {
        for (String entry : all) {
          writer.write(entry);
          writer.write('\n');
        }
      }
    } catch (IOException e) {
      messager.printMessage(Diagnostic.Kind.ERROR, "could not write " + SERVICES + ": " + e);
    }
  }

  private void error(Element element, String message) {
    // A deferred solution is rebuilt in a later round; say each thing once.
    if (reported.add(element + "\n" + message)) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }
  }
}
