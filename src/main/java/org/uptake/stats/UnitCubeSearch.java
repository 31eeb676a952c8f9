package org.uptake.stats;

import java.util.Arrays;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Bounded CMA-ES (Hansen's covariance matrix adaptation, from Commons Math) on the unit cube, for searches whose
 * every evaluation is a set of simulation runs: it needs no gradient and tolerates the roughness of a simulated
 * objective. The objective may fail (the search ends with its exception) or say the search is done ({@link Stop}).
 */
public final class UnitCubeSearch {
  private UnitCubeSearch() {}

  /** A function of a point of [0, 1]^k to minimise. */
  @FunctionalInterface
  public interface Objective {
    double value(double[] x) throws Exception;
  }

  /** Thrown by an objective to end the search quietly: its budget is spent. */
  public static final class Stop extends Exception {
    public Stop() {
      super(null, null, false, false);
    }
  }

  /**
   * Minimises {@code f} from {@code start} with a first step of {@code sigma} on every axis and a population of
   * 4 + 3 ln k, calling it at most {@code calls} times; returns when the calls are spent, the search converged or
   * the objective threw {@link Stop}, and rethrows any other exception of the objective.
   */
  public static void minimise(Objective f, double[] start, double sigma, int calls, RandomGenerator random)
      throws Exception {
    int k = start.length;
    ObjectiveFunction objective = new ObjectiveFunction(x -> {
      try {
        return f.value(x);
      } catch (Exception e) {
        throw new Carried(e);
      }
    });
    double[] steps = new double[k];
    Arrays.fill(steps, sigma);
    double[] upper = new double[k];
    Arrays.fill(upper, 1.0);
    CMAESOptimizer cmaes = new CMAESOptimizer(calls, 0, true, 0, 0, random, false,
        new SimpleValueChecker(1e-10, 1e-12));
    try {
      cmaes.optimize(new MaxEval(calls), objective, GoalType.MINIMIZE, new InitialGuess(start),
          new SimpleBounds(new double[k], upper), new CMAESOptimizer.Sigma(steps),
          new CMAESOptimizer.PopulationSize(4 + (int) (3 * Math.log(k))));
    } catch (TooManyEvaluationsException e) {
      // The calls are spent: the caller keeps the best it saw.
    } catch (Carried e) {
      if (!(e.cause instanceof Stop)) throw e.cause;
    }
  }

  /** An objective's exception, carried out of the optimiser. */
  private static final class Carried extends RuntimeException {
    final Exception cause;

    Carried(Exception cause) {
      super(cause);
      this.cause = cause;
    }
  }
}
