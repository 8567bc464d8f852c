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
 * An absolute path in plain form: starts with {@code /}, parts of letters, digits and
 * {@code . _ @ + -}, no empty part ({@code //}), no {@code .} or {@code ..} part, no
 * trailing {@code /} except the root itself. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface AbsolutePath {

  /** Used only when the check gives no message of its own (it always does). */
  String message() default "not an absolute path such as `/data/photos`";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Words accepted in place of a path ({@code none} for a mountpoint). */
  String[] or() default {};

  /** Whether {@code /} itself is accepted. */
  boolean root() default true;

  /** A path of the field's kind, shown in the hint. */
  String example() default "/data/photos";
}
