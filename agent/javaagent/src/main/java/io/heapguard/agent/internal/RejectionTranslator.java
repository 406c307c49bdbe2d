package io.heapguard.agent.internal;

import java.lang.reflect.Constructor;

import io.heapguard.MemoryGuardException;

/**
 * Turns the guard's rejection into the {@code MemoryGuardException} the woven class can catch.
 * Normally that is the same class (heapguard-api lives on the bootstrap path). After a runtime
 * attach, an application that had already loaded its own copy of heapguard-api keeps using that
 * copy, so its {@code catch (MemoryGuardException e)} would miss ours: the rejection is re-created as
 * an instance of the application's class, with the same reason, numbers and message.
 */
abstract class RejectionTranslator {

    /** The class the woven code sees is ours: nothing to do. */
    static final RejectionTranslator SAME_CLASS = new RejectionTranslator() {
        @Override
        RuntimeException translate(MemoryGuardException rejection) {
            return rejection;
        }
    };

    abstract RuntimeException translate(MemoryGuardException rejection);

    /** For an application's own copy of the exception class (and its nested {@code Reason} enum). */
    static RejectionTranslator toForeignCopy(Class<?> foreignException) throws ReflectiveOperationException {
        Class<?> foreignReason = Class.forName(foreignException.getName() + "$Reason", false,
                foreignException.getClassLoader());
        Constructor<?> constructor = foreignException.getConstructor(foreignReason, String.class, long.class,
                long.class, long.class, String.class);
        return new RejectionTranslator() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            RuntimeException translate(MemoryGuardException rejection) {
                try {
                    Object reason = Enum.valueOf((Class) foreignReason, rejection.reason().name());
                    return (RuntimeException) constructor.newInstance(reason, rejection.operation(),
                            rejection.requestedBytes(), rejection.availableBytes(), rejection.limitBytes(),
                            detailOf(rejection));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    rejection.addSuppressed(e);
                    return rejection;
                }
            }
        };
    }

    /** The detail the core appended after the standard message, recovered by rebuilding that message. */
    private static String detailOf(MemoryGuardException rejection) {
        String standard = new MemoryGuardException(rejection.reason(), rejection.operation(), rejection.requestedBytes(),
                rejection.availableBytes(), rejection.limitBytes(), null).getMessage();
        String full = rejection.getMessage();
        return full.startsWith(standard + "; ") ? full.substring(standard.length() + 2) : null;
    }
}
