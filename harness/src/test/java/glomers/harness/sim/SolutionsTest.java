package glomers.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolutionsTest {
  @TempDir Path dir;

  @Test
  void aScriptThatIsNotOneOfOurLaunchersIsRefusedWithTheWayOut() throws Exception {
    Path script = Files.writeString(dir.resolve("node"), "#!/bin/sh\nexec python3 node.py\n");

    Throwable thrown = catchThrowable(() -> Solutions.fromLauncher(script));

    assertThat(thrown).isInstanceOf(Solutions.NotFound.class)
        .hasMessageContaining("this project's node launchers").hasMessageContaining("--solution");
  }

  @Test
  void aLauncherWhoseJarIsGoneSaysToRebuild() throws Exception {
    Files.createDirectories(dir.resolve("bin"));
    Path launcher = Files.writeString(dir.resolve("bin/echo"),
        "#!/bin/sh\nexec java -cp \"$here/nodes.jar\" glomers.runtime.Main echo \"$@\"\n");

    Throwable thrown = catchThrowable(() -> Solutions.fromLauncher(launcher));

    assertThat(thrown).isInstanceOf(Solutions.NotFound.class)
        .hasMessageContaining(dir.resolve("nodes.jar").toString()).hasMessageContaining("make build");
  }

  @Test
  void anUnknownNameIsNotFound() {
    Throwable thrown = catchThrowable(() -> Solutions.byName("no-such-solution"));

    assertThat(thrown).isInstanceOf(Solutions.NotFound.class).hasMessageContaining("no solution 'no-such-solution'");
  }
}
