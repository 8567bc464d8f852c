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
 * An email address ({@code admin@example.org}): a local part of letters, digits and
 * {@code . _ % + -}, and a DNS domain of at least two labels. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface EmailAddress {

  /** Used only when the check gives no message of its own (it always does). */
  String message() default "not an email address such as `admin@example.org`";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
