package io.heapguard.agent.estimate;

/** The built-in functions {@code min}, {@code max} and {@code len}. */
final class Functions {

    static final String MIN = "min";
    static final String MAX = "max";
    static final String LEN = "len";

    private Functions() {
    }

    /** {@code min(...)} or {@code max(...)}: one node, since the two differ only in the comparison. */
    static final class Extremum extends Node {
        private final Node[] operands;
        private final boolean smallest;

        Extremum(int position, String text, Node[] operands, boolean smallest) {
            super(position, text);
            this.operands = operands;
            this.smallest = smallest;
        }

        @Override
        boolean compiles() {
            for (Node operand : operands) {
                if (!operand.compiles()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void compileTo(EstimateCode code) {
            operands[0].compileTo(code);
            for (int i = 1; i < operands.length; i++) {
                operands[i].compileTo(code);
                if (smallest) {
                    code.min();
                } else {
                    code.max();
                }
            }
        }

        @Override
        double number(Arguments args) {
            double result = operands[0].number(args);
            for (int i = 1; i < operands.length; i++) {
                double next = operands[i].number(args);
                result = smallest ? Math.min(result, next) : Math.max(result, next);
            }
            return result;
        }
    }

    static final class Len extends Node {
        private final Node operand;

        Len(int position, String text, Node operand) {
            super(position, text);
            this.operand = operand;
        }

        @Override
        double number(Arguments args) {
            return Values.length(operand.value(args), operand.text);
        }

        /** Arrays only: a collection's or char sequence's size is application code, which may throw. */
        @Override
        boolean compiles() {
            return operand instanceof ParameterNode parameter && parameter.lengthCompiles();
        }

        @Override
        void compileTo(EstimateCode code) {
            ((ParameterNode) operand).compileLengthTo(code);
        }
    }
}
