package io.heapguard.agent.internal;

import java.lang.reflect.Constructor;

import io.heapguard.MemoryGuardException;
import io.heapguard.MemoryGuardException.Reason;

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

    /**
     * For an application's own copy of the exception class (and its nested {@code Reason} enum). An
     * older copy may lack reasons added since: each of ours is matched to the copy's constant of the
     * same name, or else to the closest one it has ({@link #closestInOlderCopies}), once, here.
     */
    static RejectionTranslator toForeignCopy(Class<?> foreignException) throws ReflectiveOperationException {
        Class<?> foreignReason = Class.forName(foreignException.getName() + "$Reason", false,
                foreignException.getClassLoader());
        Constructor<?> constructor = foreignException.getConstructor(foreignReason, String.class, long.class,
                long.class, long.class, String.class);
        Object[] foreignReasons = foreignReasons(foreignReason);
        return new RejectionTranslator() {
            @Override
            RuntimeException translate(MemoryGuardException rejection) {
                try {
                    Object reason = foreignReasons[rejection.reason().ordinal()];
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

    /** The foreign constant for each of our reasons, by ordinal. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object[] foreignReasons(Class<?> foreignReason) {
        Reason[] ours = Reason.values();
        Object[] theirs = new Object[ours.length];
        for (Reason reason : ours) {
            Object same = constantNamed(foreignReason, reason.name());
            theirs[reason.ordinal()] = same != null ? same
                    : Enum.valueOf((Class) foreignReason, closestInOlderCopies(reason).name());
        }
        return theirs;
    }

    private static Object constantNamed(Class<?> enumType, String name) {
        for (Object constant : enumType.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    /**
     * The reason an older heapguard-api copy reported for the same refusal. The first four are in
     * every copy; {@code CONCURRENCY_LIMIT}, {@code FAULT_INJECTED} and {@code GUARD_FAILURE} were
     * added later and copies without them said {@code INSUFFICIENT_MEMORY} (the message still names
     * maxConcurrent, the fault injection or the internal error).
     */
    static Reason closestInOlderCopies(Reason reason) {
        return switch (reason) {
            case ALLOCATION_TOO_LARGE, INSUFFICIENT_MEMORY, MEMORY_PRESSURE_TOO_HIGH, WAIT_TIMED_OUT -> reason;
            case CONCURRENCY_LIMIT, FAULT_INJECTED, GUARD_FAILURE -> Reason.INSUFFICIENT_MEMORY;
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
