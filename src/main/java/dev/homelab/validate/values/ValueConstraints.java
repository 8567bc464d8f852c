package dev.homelab.validate.values;

import dev.homelab.model.constraints.AbsolutePath;
import dev.homelab.model.constraints.Cidr;
import dev.homelab.model.constraints.DomainName;
import dev.homelab.model.constraints.EmailAddress;
import dev.homelab.model.constraints.HostName;
import dev.homelab.model.constraints.InterfaceAddress;
import dev.homelab.model.constraints.NetworkInterface;
import java.lang.annotation.Annotation;
import java.util.List;

/**
 * The checks of the value constraints of {@code dev.homelab.model.constraints}. The
 * annotations name no validator (the model stays free of validation code); {@link #check}
 * runs the function of {@link Addresses} or {@link FilePaths} each stands for, whose
 * {@link Problem} says what is wrong with the value, how to write it, and how bad it is.
 */
public final class ValueConstraints {

  private ValueConstraints() {}

  /** Whether {@code constraint} is one of the value constraints. */
  public static boolean knows(Annotation constraint) {
    return constraint instanceof Cidr || constraint instanceof InterfaceAddress || constraint instanceof HostName
        || constraint instanceof DomainName || constraint instanceof EmailAddress || constraint instanceof NetworkInterface
        || constraint instanceof AbsolutePath;
  }

  /** The problem {@code constraint} finds with a (non-null) value, or null when the value passes. */
  public static Problem check(Annotation constraint, String value) {
    if (constraint instanceof Cidr) {
      return Addresses.cidr(value);
    }
    if (constraint instanceof InterfaceAddress) {
      return Addresses.interfaceAddress(value);
    }
    if (constraint instanceof HostName) {
      return Addresses.hostName(value);
    }
    if (constraint instanceof DomainName) {
      return Addresses.domain(value);
    }
    if (constraint instanceof EmailAddress) {
      return Addresses.email(value);
    }
    if (constraint instanceof NetworkInterface) {
      return Addresses.networkInterface(value);
    }
    if (constraint instanceof AbsolutePath a) {
      return FilePaths.absolute(value, a.root(), List.of(a.or()), a.example());
    }
    throw new IllegalArgumentException("not a value constraint: @" + constraint.annotationType().getName());
  }
}
