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
 * A lowercase DNS domain with at least two labels ({@code example.org}): labels of 1 to 63
 * letters, digits and {@code -} (not first or last), a top-level label starting with a
 * letter, at most 253 characters. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface DomainName {

  /** Used only when the check gives no message of its own (it always does). */
  String message() default "not a lowercase DNS domain such as `example.org`";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
