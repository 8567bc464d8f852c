package dev.homelab.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Field-constraint findings read the same on every machine: every constraint has its own message. */
class ConstraintMessagesTest {

  @TempDir
  Path tmp;

  @Test
  void everyConstraintOnTheModelHasItsOwnMessage() throws Exception {
    List<String> missing = new ArrayList<>();
    Class<?>[] model = {
      dev.homelab.model.Spec.class, dev.homelab.model.Lab.class, dev.homelab.model.Person.class,
      dev.homelab.model.Tier.class, dev.homelab.model.SnapshotPolicy.class, dev.homelab.model.Host.class,
      dev.homelab.model.Lan.class, dev.homelab.model.Tunnel.class, dev.homelab.model.Proxy.class,
      dev.homelab.model.Ssh.class, dev.homelab.model.Pool.class, dev.homelab.model.Service.class,
      dev.homelab.model.Vpn.class, dev.homelab.model.Repository.class, dev.homelab.model.Retention.class,
      dev.homelab.model.Secret.class, dev.homelab.model.SopsRule.class, dev.homelab.model.Replication.class,
      dev.homelab.model.Impermanence.class, dev.homelab.model.Dataset.class, dev.homelab.model.BackupJob.class,
      dev.homelab.model.Boot.class, dev.homelab.model.PgBackRest.class, dev.homelab.model.Repository.Sftp.class
    };
    int seen = 0;
    for (Class<?> c : model) {
      for (RecordComponent rc : c.getRecordComponents()) {
        List<Annotation> annotations = new ArrayList<>(List.of(c.getDeclaredField(rc.getName()).getAnnotations()));
        collect(rc.getAnnotatedType(), annotations);
        for (Annotation a : annotations) {
          String pkg = a.annotationType().getPackageName();
          if (!pkg.equals("jakarta.validation.constraints") && !pkg.equals("dev.homelab.model.constraints")) {
            continue;
          }
          seen++;
          String message = (String) a.annotationType().getMethod("message").invoke(a);
          if (message.startsWith("{")) {
            missing.add(c.getSimpleName() + "." + rc.getName() + " @" + a.annotationType().getSimpleName());
          }
        }
      }
    }
    assertThat(seen).isGreaterThan(20);
    assertThat(missing).as("constraints falling back to the library's translated messages").isEmpty();
  }

  @Test
  void findingsAreEnglishWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMAN);
      Path spec = Specs.write(tmp, "lab.yaml", Specs.MINIMAL.replace("immich: { tier: critical, claimed: true }", "immich: { tier: critical, port: 70000 }"));
      Cli.Run run = Cli.run("validate", "-f", spec.toString());
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).contains("a port is 1 to 65535").doesNotContain("muss");
    } finally {
      Locale.setDefault(before);
    }
  }

  private static void collect(AnnotatedType t, List<Annotation> out) {
    if (t instanceof AnnotatedParameterizedType p) {
      for (AnnotatedType arg : p.getAnnotatedActualTypeArguments()) {
        out.addAll(List.of(arg.getAnnotations()));
        collect(arg, out);
      }
    }
  }
}
