-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "temperature" DOUBLE PRECISION;
