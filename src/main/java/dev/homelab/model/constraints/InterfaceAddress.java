package dev.homelab.model.constraints;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An address of an interface with its prefix length, IPv4 ({@code 10.14.0.2/16}) or IPv6
 * ({@code fd7d:76ee::2/128}): a valid address and a prefix length within the family's bits;
 * host bits are expected. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface InterfaceAddress {

  /** Used only when the check gives no message of its own (it always does). */
  String message() default "not an address with its prefix length (`10.14.0.2/16`)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
