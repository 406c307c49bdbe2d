package io.heapguard.agent.estimate;

/** The arithmetic nodes: one small final class per operator, so each call site stays monomorphic. */
final class Arithmetic {

    private Arithmetic() {
    }

    abstract static class Binary extends Node {
        final Node left;
        final Node right;

        Binary(int position, String text, Node left, Node right) {
            super(position, text);
            this.left = left;
            this.right = right;
        }

        @Override
        boolean compiles() {
            return left.compiles() && right.compiles();
        }

        @Override
        void compileTo(EstimateCode code) {
            left.compileTo(code);
            right.compileTo(code);
            operator(code);
        }

        /** Emits the operator, after both operands. */
        abstract void operator(EstimateCode code);
    }

    static final class Add extends Binary {
        Add(int position, String text, Node left, Node right) {
            super(position, text, left, right);
        }

        @Override
        void operator(EstimateCode code) {
            code.add();
        }

        @Override
        double number(Arguments args) {
            return left.number(args) + right.number(args);
        }
    }

    static final class Subtract extends Binary {
        Subtract(int position, String text, Node left, Node right) {
            super(position, text, left, right);
        }

        @Override
        void operator(EstimateCode code) {
            code.subtract();
        }

        @Override
        double number(Arguments args) {
            return left.number(args) - right.number(args);
        }
    }

    static final class Multiply extends Binary {
        Multiply(int position, String text, Node left, Node right) {
            super(position, text, left, right);
        }

        @Override
        void operator(EstimateCode code) {
            code.multiply();
        }

        @Override
        double number(Arguments args) {
            return left.number(args) * right.number(args);
        }
    }

    /** Exact (not truncating) division; dividing by zero is an error, not infinity. */
    static final class Divide extends Binary {
        Divide(int position, String text, Node left, Node right) {
            super(position, text, left, right);
        }

        /** Only by a literal other than 0: any other divisor may be 0 at run time, which is an error. */
        @Override
        boolean compiles() {
            return left.compiles() && right instanceof LiteralNode literal && literal.value() != 0;
        }

        @Override
        void operator(EstimateCode code) {
            code.divide();
        }

        @Override
        double number(Arguments args) {
            double divisor = right.number(args);
            if (divisor == 0) {
                throw new EvaluationFailure("division by zero in '" + text + "': '" + right.text
                        + "' is 0; guard it with max(" + right.text + ", 1)");
            }
            return left.number(args) / divisor;
        }
    }

    static final class Negate extends Node {
        private final Node operand;

        Negate(int position, String text, Node operand) {
            super(position, text);
            this.operand = operand;
        }

        @Override
        boolean compiles() {
            return operand.compiles();
        }

        @Override
        void compileTo(EstimateCode code) {
            operand.compileTo(code);
            code.negate();
        }

        @Override
        double number(Arguments args) {
            return -operand.number(args);
        }
    }
}
