package io.heapguard.agent.estimate;

/** The built-in functions {@code min}, {@code max} and {@code len}. */
final class Functions {

    static final String MIN = "min";
    static final String MAX = "max";
    static final String LEN = "len";

    private Functions() {
    }

    static final class Min extends Node {
        private final Node[] operands;

        Min(int position, String text, Node[] operands) {
            super(position, text);
            this.operands = operands;
        }

        @Override
        double number(Object[] args) {
            double result = operands[0].number(args);
            for (int i = 1; i < operands.length; i++) {
                result = Math.min(result, operands[i].number(args));
            }
            return result;
        }
    }

    static final class Max extends Node {
        private final Node[] operands;

        Max(int position, String text, Node[] operands) {
            super(position, text);
            this.operands = operands;
        }

        @Override
        double number(Object[] args) {
            double result = operands[0].number(args);
            for (int i = 1; i < operands.length; i++) {
                result = Math.max(result, operands[i].number(args));
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
        double number(Object[] args) {
            return Values.length(operand.value(args), operand.text);
        }
    }
}
