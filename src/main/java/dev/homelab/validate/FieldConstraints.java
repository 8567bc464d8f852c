package dev.homelab.validate;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The Bean Validation engine for the spec records. Bootstrapping Hibernate Validator and
 * reading the records' constraints is the largest fixed cost of a run, and needs no input,
 * so {@link #warmUp} starts it on a background thread while the spec is being loaded.
 */
public final class FieldConstraints {

  private static CompletableFuture<jakarta.validation.Validator> engine;

  /** Held so the setting is not collected: Hibernate logs through JUL; findings are ours to print. */
  private static java.util.logging.Logger libraryLogs;

  private FieldConstraints() {}

  /** Starts bootstrapping in the background; later calls do nothing. */
  public static synchronized void warmUp() {
    if (engine != null) {
      return;
    }
    CompletableFuture<jakarta.validation.Validator> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        f.complete(bootstrap());
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    }, "homelab-validation-bootstrap");
    t.setDaemon(true);
    t.start();
    engine = f;
  }

  /** The engine, waiting for the bootstrap when it is still running. */
  static jakarta.validation.Validator get() {
    warmUp();
    try {
      return engine.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Bean Validation failed to start", e.getCause());
    }
  }

  private static jakarta.validation.Validator bootstrap() {
    // JBoss Logging would otherwise probe for four logging frameworks, one exception each.
    if (System.getProperty("org.jboss.logging.provider") == null) {
      System.setProperty("org.jboss.logging.provider", "jdk");
    }
    libraryLogs = java.util.logging.Logger.getLogger("org.hibernate");
    libraryLogs.setLevel(java.util.logging.Level.WARNING);
    // No XML lookup and no Expression Language: messages are plain text with {value} at most.
    HibernateValidatorConfiguration configuration = Validation.byProvider(HibernateValidator.class)
        .configure()
        .ignoreXmlConfiguration()
        .messageInterpolator(new ParameterMessageInterpolator());
    // The value constraints of the model (@Cidr, @AbsolutePath, ...) name no validator of their own.
    dev.homelab.validate.values.ValueConstraints.register(configuration);
    ValidatorFactory factory = configuration.buildValidatorFactory();
    jakarta.validation.Validator v = factory.getValidator();
    // Reads the constraints of every record now rather than on first validation.
    for (Class<?> c : MODEL) {
      v.getConstraintsForClass(c);
    }
    return v;
  }

  private static final Class<?>[] MODEL = {
    dev.homelab.model.Spec.class, dev.homelab.model.Lab.class, dev.homelab.model.Person.class,
    dev.homelab.model.Tier.class, dev.homelab.model.SnapshotPolicy.class, dev.homelab.model.Host.class,
    dev.homelab.model.Boot.class, dev.homelab.model.Hardware.class, dev.homelab.model.Network.class,
    dev.homelab.model.Lan.class, dev.homelab.model.Tailscale.class, dev.homelab.model.Tunnel.class,
    dev.homelab.model.Proxy.class, dev.homelab.model.Ssh.class, dev.homelab.model.Pool.class,
    dev.homelab.model.Service.class, dev.homelab.model.Vpn.class, dev.homelab.model.Backups.class,
    dev.homelab.model.Repository.class, dev.homelab.model.BackupJob.class, dev.homelab.model.Retention.class,
    dev.homelab.model.Secret.class, dev.homelab.model.Sops.class, dev.homelab.model.SopsRule.class,
    dev.homelab.model.Dataset.class, dev.homelab.model.Replication.class, dev.homelab.model.Impermanence.class,
    dev.homelab.model.PgBackRest.class, dev.homelab.model.Repository.Sftp.class
  };
}
