import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity({ name: "pazienti" })
export class Paziente {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  nome: string;

  @Column()
  cognome: string;

  @Column({ name: "codice_fiscale", length: 16 })
  codiceFiscale: string;

  @Column({ name: "data_nascita", type: "date" })
  dataNascita: Date;

  @Column({ type: "text", nullable: true })
  diagnosi?: string;

  @Column({ type: "text", nullable: true, comment: "Allergie note al momento del ricovero" })
  allergie?: string;

  @Column({ name: "gruppo_sanguigno", nullable: true })
  gruppoSanguigno?: string;
}

@Entity({ name: "farmaci" })
export class Farmaco {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  nome: string;

  @Column({ name: "principio_attivo" })
  principioAttivo: string;

  @Column({ name: "segno_zodiacale_cancro", nullable: true })
  segnoCancro?: string;
}
