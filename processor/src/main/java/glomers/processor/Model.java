package glomers.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** What the generators need to know, after validation. */
final class Model {
  private Model() {}

  record Solution(
      TypeElement element,
      String name,
      ClassName className,
      boolean constructorTakesNode,
      List<Handler> handlers,
      List<Timer> timers,
      List<RecordShape> records) {}

  /** Parameters a handler may take after its message record. */
  enum Extra {
    NODE,
    REQUEST
  }

  enum Reply {
    NONE,
    RECORD,
    STAGE
  }

  record Handler(String type, String method, RecordShape message, List<Extra> extras, Reply reply) {}

  record Timer(String method, long millis, boolean takesNode) {}

  record RecordShape(TypeElement element, ClassName className, List<Component> components) {
    ClassName codec() {
      return Names.codecName(className);
    }
  }

  record Component(String accessor, String jsonName, JsonType type) {}
}
