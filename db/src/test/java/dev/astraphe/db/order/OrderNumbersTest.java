package dev.astraphe.db.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderNumbersTest {

    final OrderNumbers orderNumbers = new OrderNumbers();

    @Test
    void numbersAreWellFormedAndDistinct() {
        List<String> numbers = generate(20_000);
        assertThat(numbers).allSatisfy(n -> assertThat(OrderNumbers.isWellFormed(n)).as(n).isTrue());
        assertThat(new HashSet<>(numbers)).hasSize(numbers.size());
    }

    @Test
    void numbersAreNotSequential() {
        List<String> numbers = generate(1_000);
        List<String> sorted = new ArrayList<>(numbers);
        sorted.sort(null);
        assertThat(numbers).isNotEqualTo(sorted);
        int ascendingPairs = 0;
        for (int i = 1; i < numbers.size(); i++) {
            if (numbers.get(i).compareTo(numbers.get(i - 1)) > 0) {
                ascendingPairs++;
            }
        }
        // random numbers go up about half the time; a counter would always go up
        assertThat(ascendingPairs).isBetween(400, 600);
    }

    @Test
    void wellFormedRejectsLookalikeCharacters() {
        assertThat(OrderNumbers.isWellFormed("A0123456789AB")).isTrue();
        assertThat(OrderNumbers.isWellFormed("A0123456789AI")).isFalse();
        assertThat(OrderNumbers.isWellFormed("B0123456789AB")).isFalse();
        assertThat(OrderNumbers.isWellFormed("A0123456789A")).isFalse();
    }

    private List<String> generate(int count) {
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(orderNumbers.next());
        }
        return numbers;
    }
}
