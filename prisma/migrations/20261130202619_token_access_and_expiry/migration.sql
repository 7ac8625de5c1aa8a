-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "canWrite" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "expiresAt" TIMESTAMP(3);
