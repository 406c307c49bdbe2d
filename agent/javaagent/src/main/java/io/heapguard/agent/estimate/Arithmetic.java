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
    }

    static final class Add extends Binary {
        Add(int position, String text, Node left, Node right) {
            super(position, text, left, right);
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
        double number(Arguments args) {
            return left.number(args) - right.number(args);
        }
    }

    static final class Multiply extends Binary {
        Multiply(int position, String text, Node left, Node right) {
            super(position, text, left, right);
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
        double number(Arguments args) {
            return -operand.number(args);
        }
    }
}
