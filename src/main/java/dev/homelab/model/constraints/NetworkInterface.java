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
 * A Linux network interface name: 1 to 15 characters, not {@code .} or {@code ..}, no
 * {@code /}, {@code :} or whitespace (the kernel's rules), and of letters, digits and
 * {@code _ . - @ +} so it is safe in every file it reaches. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface NetworkInterface {

  /** Used only when the check gives no message of its own (it always does). */
  String message() default "not a network interface name";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
