// Compile-time stub of the JSR-305 annotation React Native uses on NativeModule.getName(): Kotlin
// reads it by name as "not null" (strictly, as in the real build). The real one also has a
// `when()` element defaulting to ALWAYS, which is what Kotlin assumes when it is absent.
package javax.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface Nonnull {}
