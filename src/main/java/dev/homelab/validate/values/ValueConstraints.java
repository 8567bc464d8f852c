package dev.homelab.validate.values;

import dev.homelab.model.constraints.AbsolutePath;
import dev.homelab.model.constraints.Cidr;
import dev.homelab.model.constraints.DomainName;
import dev.homelab.model.constraints.EmailAddress;
import dev.homelab.model.constraints.HostName;
import dev.homelab.model.constraints.InterfaceAddress;
import dev.homelab.model.constraints.NetworkInterface;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintViolation;
import java.lang.annotation.Annotation;
import java.util.List;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;
import org.hibernate.validator.engine.HibernateConstraintViolation;

/**
 * The validators of the value constraints of {@code dev.homelab.model.constraints}. The
 * annotations name no validator (the model stays free of validation code); {@link #register}
 * binds each here. A failed check carries its {@link Problem} (message with the value, hint,
 * severity) as the violation's dynamic payload, which {@link #problemOf} reads back.
 */
public final class ValueConstraints {

  private ValueConstraints() {}

  /** Binds every value constraint to its validator. */
  public static void register(HibernateValidatorConfiguration configuration) {
    ConstraintMapping m = configuration.createConstraintMapping();
    m.constraintDefinition(Cidr.class).includeExistingValidators(false).validatedBy(CidrCheck.class);
    m.constraintDefinition(InterfaceAddress.class).includeExistingValidators(false).validatedBy(InterfaceAddressCheck.class);
    m.constraintDefinition(HostName.class).includeExistingValidators(false).validatedBy(HostNameCheck.class);
    m.constraintDefinition(DomainName.class).includeExistingValidators(false).validatedBy(DomainNameCheck.class);
    m.constraintDefinition(EmailAddress.class).includeExistingValidators(false).validatedBy(EmailAddressCheck.class);
    m.constraintDefinition(NetworkInterface.class).includeExistingValidators(false).validatedBy(NetworkInterfaceCheck.class);
    m.constraintDefinition(AbsolutePath.class).includeExistingValidators(false).validatedBy(AbsolutePathCheck.class);
    configuration.addMapping(m);
  }

  /** The problem a value constraint found, or null for any other violation. */
  public static Problem problemOf(ConstraintViolation<?> violation) {
    try {
      HibernateConstraintViolation<?> h = violation.unwrap(HibernateConstraintViolation.class);
      return h.getDynamicPayload(Problem.class);
    } catch (jakarta.validation.ValidationException e) {
      return null;
    }
  }

  /** A check of a string value by one of the functions of {@link Addresses} or {@link FilePaths}. */
  abstract static class Check<A extends Annotation> implements ConstraintValidator<A, String> {

    abstract Problem problem(String value);

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      Problem p = problem(value);
      if (p == null) {
        return true;
      }
      context.unwrap(HibernateConstraintValidatorContext.class).withDynamicPayload(p);
      return false;
    }
  }

  public static final class CidrCheck extends Check<Cidr> {
    @Override
    Problem problem(String value) {
      return Addresses.cidr(value);
    }
  }

  public static final class InterfaceAddressCheck extends Check<InterfaceAddress> {
    @Override
    Problem problem(String value) {
      return Addresses.interfaceAddress(value);
    }
  }

  public static final class HostNameCheck extends Check<HostName> {
    @Override
    Problem problem(String value) {
      return Addresses.hostName(value);
    }
  }

  public static final class DomainNameCheck extends Check<DomainName> {
    @Override
    Problem problem(String value) {
      return Addresses.domain(value);
    }
  }

  public static final class EmailAddressCheck extends Check<EmailAddress> {
    @Override
    Problem problem(String value) {
      return Addresses.email(value);
    }
  }

  public static final class NetworkInterfaceCheck extends Check<NetworkInterface> {
    @Override
    Problem problem(String value) {
      return Addresses.networkInterface(value);
    }
  }

  public static final class AbsolutePathCheck extends Check<AbsolutePath> {
    private boolean root = true;
    private List<String> words = List.of();
    private String example = "/data/photos";

    @Override
    public void initialize(AbsolutePath annotation) {
      root = annotation.root();
      words = List.of(annotation.or());
      example = annotation.example();
    }

    @Override
    Problem problem(String value) {
      return FilePaths.absolute(value, root, words, example);
    }
  }
}
