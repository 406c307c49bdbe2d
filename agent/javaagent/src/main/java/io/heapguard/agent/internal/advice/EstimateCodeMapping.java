package io.heapguard.agent.internal.advice;

import io.heapguard.agent.estimate.CallEstimator;
import io.heapguard.agent.estimate.EstimateCode;
import io.heapguard.bootstrap.EstimatedBytes;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.Addition;
import net.bytebuddy.implementation.bytecode.Division;
import net.bytebuddy.implementation.bytecode.Multiplication;
import net.bytebuddy.implementation.bytecode.Negation;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.Subtraction;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.StackSize;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.implementation.bytecode.constant.DoubleConstant;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.implementation.bytecode.member.MethodVariableAccess;

/**
 * Binds {@link WovenEstimate}: compiles the method's estimate into its own code, as straight-line
 * arithmetic over its locals, ending in {@link EstimatedBytes#of(double)}. For
 * {@code estimate = "len(data) * 4 + n * 8"} over {@code (int n, int[] data)}:
 *
 * <pre>{@code
 * EstimatedBytes.of((double) EstimatedBytes.length(data) * 4.0 + (double) n * 8.0)
 * }</pre>
 *
 * No branch (a null array's length is 0 inside {@link EstimatedBytes}), no call into application
 * code and nothing that can throw: the estimator only compiles forms for which that holds
 * ({@link CallEstimator#compiles()}); everything else is evaluated per call from the argument frame.
 */
public final class EstimateCodeMapping implements Advice.OffsetMapping {

    private static final MethodDescription.InDefinedShape TO_BYTES = LoadedMethods.named(EstimatedBytes.class, "of", double.class);
    private static final MethodDescription.InDefinedShape MIN = LoadedMethods.named(Math.class, "min", double.class, double.class);
    private static final MethodDescription.InDefinedShape MAX = LoadedMethods.named(Math.class, "max", double.class, double.class);
    private static final MethodDescription.InDefinedShape LENGTH_OF_REFERENCES = LoadedMethods.named(EstimatedBytes.class, "length", Object[].class);
    private static final List<MethodDescription.InDefinedShape> LENGTH_OF_PRIMITIVES = List.of(
            LoadedMethods.named(EstimatedBytes.class, "length", boolean[].class),
            LoadedMethods.named(EstimatedBytes.class, "length", byte[].class),
            LoadedMethods.named(EstimatedBytes.class, "length", char[].class),
            LoadedMethods.named(EstimatedBytes.class, "length", short[].class),
            LoadedMethods.named(EstimatedBytes.class, "length", int[].class),
            LoadedMethods.named(EstimatedBytes.class, "length", long[].class),
            LoadedMethods.named(EstimatedBytes.class, "length", float[].class),
            LoadedMethods.named(EstimatedBytes.class, "length", double[].class));

    private final CallEstimator estimator;

    /** @param estimator an estimate that {@link CallEstimator#compiles() compiles} */
    public EstimateCodeMapping(CallEstimator estimator) {
        this.estimator = estimator;
    }

    @Override
    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
                          Advice.ArgumentHandler argumentHandler, Sort sort) {
        Steps steps = new Steps(instrumentedMethod, argumentHandler);
        estimator.compileTo(steps);
        steps.code.add(MethodInvocation.invoke(TO_BYTES));
        return new Target.ForStackManipulation(new StackManipulation.Compound(steps.code));
    }

    /** The code for one method: built afresh for each weave, so the mapping can be shared. */
    private static final class Steps implements EstimateCode {
        private final List<StackManipulation> code = new ArrayList<>();
        private final MethodDescription method;
        private final Advice.ArgumentHandler arguments;

        Steps(MethodDescription method, Advice.ArgumentHandler arguments) {
            this.method = method;
            this.arguments = arguments;
        }

        @Override
        public void constant(double value) {
            code.add(DoubleConstant.forValue(value));
        }

        @Override
        public void parameter(int index) {
            ParameterDescription parameter = parameter(index, true);
            code.add(load(parameter));
            code.add(ToDouble.from(parameter.getType().asErasure()));
        }

        @Override
        public void arrayLength(int index) {
            ParameterDescription parameter = parameter(index, false);
            TypeDescription type = parameter.getType().asErasure();
            if (!type.isArray()) {
                throw new IllegalStateException("len() of " + describe(parameter) + " does not compile: not an array");
            }
            code.add(load(parameter));
            code.add(MethodInvocation.invoke(lengthOf(type.getComponentType())));
            code.add(ToDouble.INT);
        }

        @Override
        public void add() {
            code.add(Addition.DOUBLE);
        }

        @Override
        public void subtract() {
            code.add(Subtraction.DOUBLE);
        }

        @Override
        public void multiply() {
            code.add(Multiplication.DOUBLE);
        }

        @Override
        public void divide() {
            code.add(Division.DOUBLE);
        }

        @Override
        public void negate() {
            code.add(Negation.DOUBLE);
        }

        @Override
        public void min() {
            code.add(MethodInvocation.invoke(MIN));
        }

        @Override
        public void max() {
            code.add(MethodInvocation.invoke(MAX));
        }

        private ParameterDescription parameter(int index, boolean primitive) {
            if (index < 0 || index >= method.getParameters().size()) {
                throw new IllegalStateException("estimate reads parameter $" + index + " of " + method
                        + ", which has " + method.getParameters().size());
            }
            ParameterDescription parameter = method.getParameters().get(index);
            if (parameter.getType().isPrimitive() != primitive) {
                throw new IllegalStateException("estimate does not compile: " + describe(parameter)
                        + (primitive ? " is not a primitive" : " is a primitive"));
            }
            return parameter;
        }

        private StackManipulation load(ParameterDescription parameter) {
            return MethodVariableAccess.of(parameter.getType().asErasure())
                    .loadFrom(arguments.argument(parameter.getOffset()));
        }

        private String describe(ParameterDescription parameter) {
            return "parameter $" + parameter.getIndex() + " (" + parameter.getType().getTypeName() + ") of " + method;
        }
    }

    /**
     * A numeric primitive on the stack widened to double (JLS 5.1.2): written out here, since only
     * these four conversions are ever needed (boolean and char never reach an estimate as numbers).
     */
    private enum ToDouble implements StackManipulation {
        /** byte, short and int are ints on the JVM's stack. */
        INT(Opcodes.I2D, StackSize.SINGLE.toIncreasingSize()),
        LONG(Opcodes.L2D, StackSize.ZERO.toIncreasingSize()),
        FLOAT(Opcodes.F2D, StackSize.SINGLE.toIncreasingSize()),
        DOUBLE(Opcodes.NOP, StackSize.ZERO.toIncreasingSize());

        private final int opcode;
        private final Size size;

        ToDouble(int opcode, Size size) {
            this.opcode = opcode;
            this.size = size;
        }

        static ToDouble from(TypeDescription type) {
            if (type.represents(long.class)) {
                return LONG;
            }
            if (type.represents(float.class)) {
                return FLOAT;
            }
            if (type.represents(double.class)) {
                return DOUBLE;
            }
            if (type.represents(int.class) || type.represents(short.class) || type.represents(byte.class)) {
                return INT;
            }
            throw new IllegalStateException("estimate does not compile: " + type + " is not a number");
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public Size apply(MethodVisitor methodVisitor, Implementation.Context context) {
            if (opcode != Opcodes.NOP) {
                methodVisitor.visitInsn(opcode);
            }
            return size;
        }
    }

    private static MethodDescription.InDefinedShape lengthOf(TypeDescription componentType) {
        if (!componentType.isPrimitive()) {
            return LENGTH_OF_REFERENCES;
        }
        for (MethodDescription.InDefinedShape length : LENGTH_OF_PRIMITIVES) {
            if (length.getParameters().get(0).getType().asErasure().getComponentType().equals(componentType)) {
                return length;
            }
        }
        throw new IllegalStateException("no length for arrays of " + componentType);
    }
}
