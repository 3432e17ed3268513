package glomers.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/** Compiles the sample sources under {@code samples/<case>} with the processor, in memory. */
final class Samples {
  private Samples() {}

  static Compilation compile(String sampleCase) {
    return Compiler.javac().withProcessors(new GlomersProcessor()).compile(sources(sampleCase));
  }

  static Compilation compileOk(String sampleCase) {
    Compilation compilation = compile(sampleCase);
    assertThat(compilation.status())
        .as("compiling sample %s: %s", sampleCase, compilation.diagnostics())
        .isEqualTo(Compilation.Status.SUCCESS);
    return compilation;
  }

  static List<JavaFileObject> sources(String sampleCase) {
    URL url = Samples.class.getClassLoader().getResource("samples/" + sampleCase);
    assertThat(url).as("sample directory samples/%s", sampleCase).isNotNull();
    try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .sorted()
          .map(Samples::toFileObject)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JavaFileObject toFileObject(Path path) {
    try {
      return JavaFileObjects.forResource(path.toUri().toURL());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads classes straight from a compilation's in-memory output. */
  static ClassLoader loader(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length());
      name = name.substring(0, name.length() - ".class".length()).replace('/', '.');
      try (InputStream in = file.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ClassLoader(Samples.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }
}
