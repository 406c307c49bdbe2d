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
 * stores each argument in the thread's frame with a typed {@code put} and leaves the frame on the
 * stack:
 *
 * <pre>{@code
 * WovenCalls.frame()   .putInt(0, n)   .putObject(1, data)   .putLong(2, k)   // (dup before each put)
 * }</pre>
 *
 * This replaces {@code @Advice.AllArguments Object[]}, which built an array and boxed every
 * primitive on every call. Generated once per method at transformation time; the descriptions of the
 * bootstrap methods are read once per agent.
 */
public final class ArgumentFrameMapping implements Advice.OffsetMapping {

    public static final ArgumentFrameMapping INSTANCE = new ArgumentFrameMapping();

    private static final MethodDescription.InDefinedShape FRAME = method(WovenCalls.class, "frame");
    private static final MethodDescription.InDefinedShape PUT_INT = method(ArgumentFrame.class, "putInt", int.class, int.class);
    private static final MethodDescription.InDefinedShape PUT_LONG = method(ArgumentFrame.class, "putLong", int.class, long.class);
    private static final MethodDescription.InDefinedShape PUT_FLOAT = method(ArgumentFrame.class, "putFloat", int.class, float.class);
    private static final MethodDescription.InDefinedShape PUT_DOUBLE = method(ArgumentFrame.class, "putDouble", int.class, double.class);
    private static final MethodDescription.InDefinedShape PUT_OBJECT = method(ArgumentFrame.class, "putObject", int.class, Object.class);

    private ArgumentFrameMapping() {
    }

    @Override
    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
                          Advice.ArgumentHandler argumentHandler, Sort sort) {
        List<StackManipulation> code = new ArrayList<>();
        code.add(MethodInvocation.invoke(FRAME));
        for (ParameterDescription parameter : instrumentedMethod.getParameters()) {
            TypeDescription type = parameter.getType().asErasure();
            code.add(Duplication.SINGLE);
            code.add(IntegerConstant.forValue(parameter.getIndex()));
            code.add(MethodVariableAccess.of(type).loadFrom(argumentHandler.argument(parameter.getOffset())));
            code.add(MethodInvocation.invoke(putFor(type)));
        }
        return new Target.ForStackManipulation(new StackManipulation.Compound(code));
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

    private static MethodDescription.InDefinedShape method(Class<?> owner, String name, Class<?>... parameterTypes) {
        try {
            return new MethodDescription.ForLoadedMethod(owner.getMethod(name, parameterTypes));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("heapguard bootstrap classes do not match the agent: " + owner.getName()
                    + "#" + name + " is missing", e);
        }
    }
}
