package io.heapguard.agent.internal.advice;

import io.heapguard.bootstrap.ArgumentFrame;
import io.heapguard.bootstrap.WovenCalls;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.Duplication;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.implementation.bytecode.member.MethodVariableAccess;

/**
 * Binds {@link WovenArguments}: generates, for the woven method's own parameter types, the code that
 * stores each argument the call's estimate reads in the thread's frame with a typed {@code put} and
 * leaves the frame on the stack:
 *
 * <pre>{@code
 * WovenCalls.frame()   .putInt(0, n)   .putObject(1, data)   .putLong(2, k)   // (dup before each put)
 * }</pre>
 *
 * This replaces {@code @Advice.AllArguments Object[]}, which built an array and boxed every
 * primitive on every call. Arguments the estimate never reads are not stored: each {@code put} is a
 * call, and a reference put is a store the collector's write barrier sees. Generated once per method
 * at transformation time; the descriptions of the bootstrap methods are read once per agent.
 */
public final class ArgumentFrameMapping implements Advice.OffsetMapping {


    private static final MethodDescription.InDefinedShape FRAME = LoadedMethods.named(WovenCalls.class, "frame");
    private static final MethodDescription.InDefinedShape PUT_INT = LoadedMethods.named(ArgumentFrame.class, "putInt", int.class, int.class);
    private static final MethodDescription.InDefinedShape PUT_LONG = LoadedMethods.named(ArgumentFrame.class, "putLong", int.class, long.class);
    private static final MethodDescription.InDefinedShape PUT_FLOAT = LoadedMethods.named(ArgumentFrame.class, "putFloat", int.class, float.class);
    private static final MethodDescription.InDefinedShape PUT_DOUBLE = LoadedMethods.named(ArgumentFrame.class, "putDouble", int.class, double.class);
    private static final MethodDescription.InDefinedShape PUT_OBJECT = LoadedMethods.named(ArgumentFrame.class, "putObject", int.class, Object.class);

    /** Which parameters to store, by index; null for all of them. */
    private final boolean[] stored;

    private ArgumentFrameMapping(boolean[] stored) {
        this.stored = stored;
    }

    /** @param stored which parameters (by index) to store; the others are left out of the frame */
    public static ArgumentFrameMapping storing(boolean[] stored) {
        return new ArgumentFrameMapping(stored.clone());
    }

    /** Stores every argument (the weaver's warm-up, which exercises every kind of {@code put}). */
    public static ArgumentFrameMapping storingAll() {
        return new ArgumentFrameMapping(null);
    }

    @Override
    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
                          Advice.ArgumentHandler argumentHandler, Sort sort) {
        List<StackManipulation> code = new ArrayList<>();
        code.add(MethodInvocation.invoke(FRAME));
        for (ParameterDescription parameter : instrumentedMethod.getParameters()) {
            if (!stores(parameter.getIndex())) {
                continue;
            }
            TypeDescription type = parameter.getType().asErasure();
            code.add(Duplication.SINGLE);
            code.add(IntegerConstant.forValue(parameter.getIndex()));
            code.add(MethodVariableAccess.of(type).loadFrom(argumentHandler.argument(parameter.getOffset())));
            code.add(MethodInvocation.invoke(putFor(type)));
        }
        return new Target.ForStackManipulation(new StackManipulation.Compound(code));
    }

    private boolean stores(int index) {
        return stored == null || index < stored.length && stored[index];
    }

    private static MethodDescription.InDefinedShape putFor(TypeDescription type) {
        if (!type.isPrimitive()) {
            return PUT_OBJECT;
        }
        if (type.represents(long.class)) {
            return PUT_LONG;
        }
        if (type.represents(float.class)) {
            return PUT_FLOAT;
        }
        if (type.represents(double.class)) {
            return PUT_DOUBLE;
        }
        return PUT_INT; // boolean, byte, char, short, int: ints on the JVM's stack
    }
}
