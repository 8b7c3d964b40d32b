import { describe, expect, it } from "vitest";
import { findBudget, findEmployees, findMonthlyLeads, findTimelineDays, parseAmount, parseRangeLowerBound } from "./numbers";

describe("numbers the lead writes", () => {
  it("reads thousands separators in English and Spanish, decimals, k and words", () => {
    expect(parseAmount("1.200")).toBe(1200);
    expect(parseAmount("3,000")).toBe(3000);
    expect(parseAmount("4.5")).toBe(4.5);
    expect(parseAmount("25k")).toBe(25000);
    expect(parseAmount("three")).toBe(3);
    expect(parseAmount("doce")).toBe(12);
    expect(parseRangeLowerBound("51-200")).toBe(51);
  });

  it("finds company size", () => {
    expect(findEmployees("We're a 600-person fintech and grow fast.")?.value).toBe(600);
    expect(findEmployees("Somos una aseguradora con 400 empleados y mucho trabajo.")?.value).toBe(400);
    expect(findEmployees("Three of us, launching on Monday.")?.value).toBe(3);
    expect(findEmployees("We have 25 clients.")).toBeNull();
  });

  it("finds monthly lead volume", () => {
    expect(findMonthlyLeads("About 700 inbound leads a month land in Salesforce unqualified.")?.value).toBe(700);
    expect(findMonthlyLeads("we handle around 3,000 inbound sales inquiries a month.")?.value).toBe(3000);
    expect(findMonthlyLeads("1.200 leads mensuales desde la web")?.value).toBe(1200);
    expect(findMonthlyLeads("We can book 40 meetings a month")).toBeNull();
    expect(findMonthlyLeads("we get 2k leads/month through web forms")?.value).toBe(2000);
    expect(findEmployees("We have 45 salespeople and grow")?.value).toBe(45);
  });

  it("finds a budget only with money and a budget word", () => {
    expect(findBudget("We have 25,000 USD set aside for a lead qualification agent.")?.value).toEqual({ amount: 25000, currency: "USD" });
    expect(findBudget("Budget is €18k for this.")?.value).toEqual({ amount: 18000, currency: "EUR" });
    expect(findBudget("Your quote is 20% over our budget.")).toBeNull();
    expect(findBudget("Revenue was $2M last year.")).toBeNull();
  });

  it("turns a timeline into days", () => {
    expect(findTimelineDays("We need it live in three weeks.")?.value).toBe(21);
    expect(findTimelineDays("want to start within two weeks")?.value).toBe(14);
    expect(findTimelineDays("Queremos un agente este mes.")?.value).toBe(30);
    expect(findTimelineDays("launching on Monday")?.value).toBe(7);
    expect(findTimelineDays("a project for the second half of next year")?.value).toBe(365);
    expect(findTimelineDays("no dates here")).toBeNull();
    expect(findTimelineDays("Go-live in a fortnight.")?.value).toBe(14);
    expect(findTimelineDays("Lo queremos para la próxima semana.")?.value).toBe(7);
  });

  it("reads head counts as companies state them, and a floor like 500+", () => {
    expect(findEmployees("Headcount is around 300.")?.value).toBe(300);
    expect(findEmployees("Staff of 75 across three offices.")?.value).toBe(75);
    expect(findEmployees("About 250 employees with 18 sales reps.")?.value).toBe(250);
    expect(findEmployees("We're 200-500 people.")).toMatchObject({ value: 200, basis: expect.stringMatching(/lower end/) });
    expect(findMonthlyLeads("500+ inbound leads/month land in Pipedrive.")?.value).toBe(500);
  });
});
